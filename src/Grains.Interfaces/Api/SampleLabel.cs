namespace Visco.Grains.Interfaces.Api;

/// <summary>A lab reference for a sample (the lake's label row).</summary>
/// <param name="HospitalId">The hospital.</param>
/// <param name="SampleId">The sample.</param>
/// <param name="ReferenceViscosityLow">Reference viscosity at low shear (mPa·s), if measured.</param>
/// <param name="ReferenceViscosityHigh">Reference viscosity at high shear (mPa·s), if measured.</param>
/// <param name="ReferenceClass">Reference class, if given (one of the result classes).</param>
/// <param name="Source">Where the reference comes from, e.g. the lab instrument.</param>
/// <param name="RecordedAt">When it was recorded (UTC).</param>
/// <param name="RecordedBy">Who recorded it (token subject).</param>
public sealed record SampleLabel(
    string HospitalId,
    string SampleId,
    double? ReferenceViscosityLow,
    double? ReferenceViscosityHigh,
    string? ReferenceClass,
    string Source,
    DateTimeOffset RecordedAt,
    string RecordedBy);
