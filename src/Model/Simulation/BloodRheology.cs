namespace Visco.Model.Simulation;

/// <summary>
/// Synthetic whole-blood rheology used by the simulator. The model combines published laws; it is a plausible
/// demonstration model, not a validated clinical one:
/// <list type="bullet">
/// <item>shape: Carreau-Yasuda with the Cho and Kensey (1991) parameters for blood at a hematocrit of 45 %;</item>
/// <item>hematocrit: a semi-logarithmic law, ln(mu) linear in hematocrit (the form of Chien's 1970 data), with a
/// steeper slope at low shear where aggregation dominates;</item>
/// <item>plasma: blood viscosity proportional to plasma viscosity (relative viscosity does not depend on the suspending
/// medium);</item>
/// <item>temperature: Arrhenius, mu(T) = mu(37 °C) * exp(E/R * (1/T - 1/T37)) with E/R = 2100 K (about 2.2 % per
/// °C near body temperature).</item>
/// </list>
/// </summary>
public static class BloodRheology
{
    /// <summary>Hematocrit at which the Cho and Kensey parameters hold.</summary>
    public const double ReferenceHematocrit = 0.45;

    /// <summary>Plasma viscosity (mPa·s, 37 °C) assumed for the Cho and Kensey sample.</summary>
    public const double ReferencePlasmaViscosity = 1.25;

    /// <summary>Activation temperature E/R in kelvin.</summary>
    public const double ActivationTemperatureK = 2100.0;

    /// <summary>Slope of ln(mu) against hematocrit at high shear, where cells are dispersed.</summary>
    public const double HematocritSlopeHighShear = 4.0;

    /// <summary>Slope of ln(mu) against hematocrit at rest, where aggregation adds to crowding.</summary>
    public const double HematocritSlopeLowShear = 12.0;

    private const double KelvinOffset = 273.15;

    /// <summary>Viscosity in mPa·s of the sample at the shear rate (1/s) and temperature (°C).</summary>
    public static double Viscosity(BloodSample sample, double shearRate, double temperatureC)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return Viscosity37(sample, shearRate) * TemperatureFactor(temperatureC);
    }

    /// <summary>Viscosity in mPa·s of the sample at the shear rate (1/s), at 37 °C.</summary>
    public static double Viscosity37(BloodSample sample, double shearRate)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var shape = CarreauYasuda.ChoKensey1991;
        var thinning = shape.ThinningFraction(shearRate * sample.TimeConstantScale);
        var reference = shape.MuInfinity + ((shape.MuZero - shape.MuInfinity) * sample.Aggregation * thinning);

        // The hematocrit slope follows how much of the viscosity at this rate is aggregation (thinning -> 1 at rest).
        var slope = HematocritSlopeHighShear + ((HematocritSlopeLowShear - HematocritSlopeHighShear) * thinning);
        var hematocritFactor = Math.Exp(slope * (sample.Hematocrit - ReferenceHematocrit));
        var plasmaFactor = sample.PlasmaViscosity37 / ReferencePlasmaViscosity;
        return reference * hematocritFactor * plasmaFactor;
    }

    /// <summary>Arrhenius factor mu(T) / mu(37 °C).</summary>
    public static double TemperatureFactor(double temperatureC) =>
        Math.Exp(ActivationTemperatureK * ((1.0 / (temperatureC + KelvinOffset)) - (1.0 / (ReferenceConditions.TemperatureC + KelvinOffset))));
}
