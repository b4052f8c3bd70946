namespace Visco.Grains.Interfaces.Results;

/// <summary>A stored measurement with its result.</summary>
/// <param name="HospitalId">The hospital.</param>
/// <param name="DeviceId">The device.</param>
/// <param name="SampleId">The sample id (unique per device).</param>
/// <param name="TakenAt">When it was measured (UTC).</param>
/// <param name="ReceivedAt">When the cloud received it (UTC).</param>
/// <param name="ProcessedAt">When the result was produced (UTC).</param>
/// <param name="ModelVersion">The model version that produced the result.</param>
/// <param name="InputHash">Hash of the sweep's numbers.</param>
/// <param name="LowShearViscosity">mPa·s at 5 1/s and 37 °C; null for an invalid sample.</param>
/// <param name="HighShearViscosity">mPa·s at 300 1/s and 37 °C; null for an invalid sample.</param>
/// <param name="Class">The result class.</param>
/// <param name="Confidence">Its calibrated probability.</param>
/// <param name="Flags">Quality flags.</param>
/// <param name="TemperatureC">Measuring temperature, °C.</param>
/// <param name="Hematocrit">Hematocrit fraction when sent.</param>
/// <param name="Firmware">Firmware when sent.</param>
/// <param name="ShearRate">The sweep's shear rates, 1/s.</param>
/// <param name="ShearStress">The sweep's shear stresses, mPa.</param>
public sealed record StoredResult(
    string HospitalId,
    string DeviceId,
    string SampleId,
    DateTimeOffset TakenAt,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ProcessedAt,
    string ModelVersion,
    string InputHash,
    double? LowShearViscosity,
    double? HighShearViscosity,
    string Class,
    double Confidence,
    IReadOnlyList<string> Flags,
    double TemperatureC,
    double? Hematocrit,
    string? Firmware,
    IReadOnlyList<double> ShearRate,
    IReadOnlyList<double> ShearStress);
