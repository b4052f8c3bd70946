namespace Visco.Model;

/// <summary>
/// The conditions every reported viscosity refers to. The shear rates follow the convention of clinical
/// whole-blood viscometry (e.g. the Rheolog scanning capillary viscometer reports "diastolic" viscosity at
/// 5 1/s and "systolic" viscosity at 300 1/s); values are normalised to body temperature.
/// </summary>
public static class ReferenceConditions
{
    /// <summary>The low shear rate in 1/s.</summary>
    public const double LowShearRate = 5.0;

    /// <summary>The high shear rate in 1/s.</summary>
    public const double HighShearRate = 300.0;

    /// <summary>The reference temperature in °C.</summary>
    public const double TemperatureC = 37.0;
}
