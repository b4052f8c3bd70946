namespace Visco.Lake.Rows;

/// <summary>
/// One measurement of the training lake with its result: the raw sweep as the analyser sent it, the stream position
/// it was archived from, and what the model answered. Arrays are compared by reference by the record's equality; use
/// the values when comparing rows.
/// </summary>
/// <param name="HospitalId">The hospital (also the partition).</param>
/// <param name="DeviceId">The analyser.</param>
/// <param name="SampleId">The sample, unique per device.</param>
/// <param name="Sequence">The position in the hospital's measurement stream.</param>
/// <param name="TakenAt">When the analyser measured.</param>
/// <param name="ReceivedAt">When the cloud received it.</param>
/// <param name="TemperatureC">Sample temperature in °C.</param>
/// <param name="Hematocrit">Hematocrit fraction, if the analyser knew it.</param>
/// <param name="Firmware">Analyser firmware version, if reported.</param>
/// <param name="ShearRate">Shear rates of the sweep (1/s).</param>
/// <param name="ShearStress">Shear stresses of the sweep (mPa).</param>
/// <param name="ModelVersion">The model version that produced the result.</param>
/// <param name="InputHash">Hash of the model input, to find identical inputs.</param>
/// <param name="ViscosityLow">Viscosity at low shear (mPa·s, 37 °C).</param>
/// <param name="ViscosityHigh">Viscosity at high shear (mPa·s, 37 °C).</param>
/// <param name="Class">normal / elevated / hyperviscous / invalid-sample.</param>
/// <param name="Confidence">The model's confidence, 0..1.</param>
/// <param name="Flags">Quality flags raised on the sample.</param>
/// <param name="ProcessedAt">When the result was computed.</param>
public sealed record MeasurementRow(
    string HospitalId,
    string DeviceId,
    string SampleId,
    long Sequence,
    DateTimeOffset TakenAt,
    DateTimeOffset ReceivedAt,
    double TemperatureC,
    double? Hematocrit,
    string? Firmware,
    double[] ShearRate,
    double[] ShearStress,
    string ModelVersion,
    string InputHash,
    double ViscosityLow,
    double ViscosityHigh,
    string Class,
    double Confidence,
    string[] Flags,
    DateTimeOffset ProcessedAt);
