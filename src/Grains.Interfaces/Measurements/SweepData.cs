namespace Visco.Grains.Interfaces.Measurements;

/// <summary>A validated raw sweep as the device sent it (the inference pool's input and the event's payload).</summary>
/// <param name="SampleId">The analyser's id of the blood sample (unique per device).</param>
/// <param name="TakenAt">When the sweep was measured (UTC).</param>
/// <param name="TemperatureC">Temperature of the measuring cell, °C.</param>
/// <param name="ShearRate">Shear rates, 1/s, strictly increasing.</param>
/// <param name="ShearStress">Shear stress at each rate, mPa.</param>
/// <param name="Hematocrit">Hematocrit as a fraction, when the analyser knows it.</param>
/// <param name="Firmware">The analyser's firmware version, when reported.</param>
public sealed record SweepData(
    string SampleId,
    DateTimeOffset TakenAt,
    double TemperatureC,
    double[] ShearRate,
    double[] ShearStress,
    double? Hematocrit,
    string? Firmware);
