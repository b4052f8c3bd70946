namespace Visco.Lake.Rows;

/// <summary>A lab reference for a sample, which the retraining job joins with measurements by sample id.</summary>
/// <param name="SampleId">The sample.</param>
/// <param name="HospitalId">The hospital (also the partition).</param>
/// <param name="ReferenceViscosityLow">Reference viscosity at low shear (mPa·s), if measured.</param>
/// <param name="ReferenceViscosityHigh">Reference viscosity at high shear (mPa·s), if measured.</param>
/// <param name="ReferenceClass">Reference class, if given.</param>
/// <param name="Source">Where the reference comes from (e.g. lab instrument).</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="RecordedBy">Who recorded it.</param>
public sealed record LabelRow(
    string SampleId,
    string HospitalId,
    double? ReferenceViscosityLow,
    double? ReferenceViscosityHigh,
    string? ReferenceClass,
    string Source,
    DateTimeOffset RecordedAt,
    string RecordedBy);
