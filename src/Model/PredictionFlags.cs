namespace Visco.Model;

/// <summary>The flag strings a <see cref="Prediction"/> may carry. Stable: devices and apps match on them.</summary>
public static class PredictionFlags
{
    /// <summary>The sweep failed validation; see <see cref="Prediction.ValidationError"/>.</summary>
    public const string InvalidInput = "invalid-input";

    /// <summary>Stress falls somewhere as the shear rate rises.</summary>
    public const string NonMonotonicStress = "non-monotonic-stress";

    /// <summary>Apparent viscosity rises somewhere as the shear rate rises (blood thins, never thickens).</summary>
    public const string NonMonotonicViscosity = "non-monotonic-viscosity";

    /// <summary>Measured outside 30-40 °C, so normalising to 37 °C extrapolates the temperature law.</summary>
    public const string TemperatureOutOfRange = "temperature-out-of-range";

    /// <summary>The sweep does not follow a smooth flow curve.</summary>
    public const string FitResidualHigh = "fit-residual-high";

    /// <summary>The sweep starts above 5 1/s; low-shear viscosity is extrapolated.</summary>
    public const string LowShearExtrapolated = "low-shear-extrapolated";

    /// <summary>The sweep ends below 300 1/s; high-shear viscosity is extrapolated.</summary>
    public const string HighShearExtrapolated = "high-shear-extrapolated";

    /// <summary>Lowest measuring temperature without a flag, °C.</summary>
    public const double MinTemperatureC = 30.0;

    /// <summary>Highest measuring temperature without a flag, °C.</summary>
    public const double MaxTemperatureC = 40.0;

    /// <summary>RMS log-log residual above which <see cref="FitResidualHigh"/> is raised (sensor noise gives about 0.01).</summary>
    public const double MaxFitRmsResidual = 0.03;
}
