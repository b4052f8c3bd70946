namespace Visco.Model.Features;

/// <summary>Positions of the features in a <see cref="SweepFeatures"/> vector (schema visco-sweep v1).</summary>
public static class FeatureIndex
{
    /// <summary>Measuring temperature, °C.</summary>
    public const int TemperatureC = 0;

    /// <summary>Number of points in the sweep.</summary>
    public const int PointCount = 1;

    /// <summary>ln of the lowest shear rate.</summary>
    public const int LnMinShearRate = 2;

    /// <summary>ln of the highest shear rate.</summary>
    public const int LnMaxShearRate = 3;

    /// <summary>Reported hematocrit, or -1 when absent.</summary>
    public const int Hematocrit = 4;

    /// <summary>ln apparent viscosity at 5 1/s (37 °C), interpolated between neighbouring points.</summary>
    public const int LnLowShearInterpolated = 5;

    /// <summary>ln apparent viscosity at 300 1/s (37 °C), interpolated between neighbouring points.</summary>
    public const int LnHighShearInterpolated = 6;

    /// <summary>ln apparent viscosity at 5 1/s (37 °C) from the quadratic log-log fit.</summary>
    public const int LnLowShearFit = 7;

    /// <summary>ln apparent viscosity at 300 1/s (37 °C) from the quadratic log-log fit.</summary>
    public const int LnHighShearFit = 8;

    /// <summary>Curvature of the log-log fit.</summary>
    public const int FitCurvature = 9;

    /// <summary>Slope of the log-log fit at the sweep's centre.</summary>
    public const int FitSlope = 10;

    /// <summary>RMS residual of the log-log fit.</summary>
    public const int FitRmsResidual = 11;

    /// <summary>Largest absolute residual of the log-log fit.</summary>
    public const int FitMaxAbsResidual = 12;

    /// <summary>Where the largest residual sits, 0 = lowest rate, 1 = highest.</summary>
    public const int FitMaxResidualPosition = 13;

    /// <summary>Power-law index n of stress = K * rate^n.</summary>
    public const int PowerLawIndex = 14;

    /// <summary>RMS residual of the power-law fit in ln stress.</summary>
    public const int PowerLawRmsResidual = 15;

    /// <summary>Casson intercept, sqrt of the yield stress (signed), sqrt(mPa).</summary>
    public const int CassonIntercept = 16;

    /// <summary>Casson viscosity, mPa·s.</summary>
    public const int CassonViscosity = 17;

    /// <summary>Relative RMS residual of the Casson fit.</summary>
    public const int CassonRelativeResidual = 18;

    /// <summary>Number of places where stress falls as the rate rises.</summary>
    public const int StressDecreases = 19;

    /// <summary>Number of places where apparent viscosity rises by more than 2 % as the rate rises.</summary>
    public const int ViscosityIncreases = 20;

    /// <summary>Largest change of log-log slope between neighbouring segments.</summary>
    public const int MaxSlopeChange = 21;

    /// <summary>Log-log slope of the first segment.</summary>
    public const int LowEndSlope = 22;

    /// <summary>Log-log slope of the last segment.</summary>
    public const int HighEndSlope = 23;

    /// <summary>ln apparent viscosity at the lowest rate (37 °C).</summary>
    public const int LnFirstViscosity = 24;

    /// <summary>ln apparent viscosity at the highest rate (37 °C).</summary>
    public const int LnLastViscosity = 25;

    /// <summary>ln of the ratio of fitted low-shear to high-shear viscosity.</summary>
    public const int LnShearThinningRatio = 26;

    /// <summary>Number of features in schema v1.</summary>
    public const int Count = 27;
}
