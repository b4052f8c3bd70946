namespace Visco.Model;

/// <summary>
/// One raw measurement from a blood-viscosity analyser: shear stress measured at a sweep of shear rates.
/// Plain data, so the grains layer can map the MQTT JSON payload onto it directly.
/// </summary>
/// <param name="SampleId">The analyser's identifier for the blood sample.</param>
/// <param name="TakenAt">When the sweep was measured (UTC).</param>
/// <param name="TemperatureC">Temperature of the measuring cell in °C.</param>
/// <param name="ShearRate">Shear rates in 1/s, strictly increasing.</param>
/// <param name="ShearStress">Shear stress in mPa at each shear rate.</param>
/// <param name="Hematocrit">Hematocrit as a fraction (0.45 = 45 %), when the analyser knows it.</param>
/// <param name="Firmware">Analyser firmware version, when reported.</param>
public sealed record Sweep(
    string SampleId,
    DateTimeOffset TakenAt,
    double TemperatureC,
    double[] ShearRate,
    double[] ShearStress,
    double? Hematocrit = null,
    string? Firmware = null);
