using Visco.Model.Simulation;

namespace Visco.Model.Features;

/// <summary>
/// Turns a validated sweep into the feature vector of schema <see cref="Schema"/>. Every stress is first brought to
/// 37 °C with the Arrhenius factor, so the trees learn corrections rather than the temperature law itself. Works
/// on stack buffers only: no allocation per sweep.
/// </summary>
public static class SweepFeatures
{
    /// <summary>Apparent viscosity increase (relative) counted as a monotonicity violation.</summary>
    public const double ViscosityIncreaseTolerance = 0.02;

    private static readonly double LnLowRate = Math.Log(ReferenceConditions.LowShearRate);
    private static readonly double LnHighRate = Math.Log(ReferenceConditions.HighShearRate);

    /// <summary>The schema this extractor produces.</summary>
    public static FeatureSchema Schema { get; } = new(
        "visco-sweep",
        1,
        [
            "temperature_c", "point_count", "ln_min_shear_rate", "ln_max_shear_rate", "hematocrit",
            "ln_visc_low_interp", "ln_visc_high_interp", "ln_visc_low_fit", "ln_visc_high_fit",
            "fit_curvature", "fit_slope", "fit_rms_residual", "fit_max_abs_residual", "fit_max_residual_position",
            "power_law_index", "power_law_rms_residual", "casson_intercept", "casson_viscosity", "casson_relative_residual",
            "stress_decreases", "viscosity_increases", "max_slope_change", "low_end_slope", "high_end_slope",
            "ln_visc_first", "ln_visc_last", "ln_shear_thinning_ratio",
        ]);

    /// <summary>
    /// Writes the features of <paramref name="sweep"/> into <paramref name="features"/> (length at least
    /// <see cref="FeatureIndex.Count"/>). The sweep must have passed <see cref="SweepValidator"/>.
    /// </summary>
    public static void Extract(Sweep sweep, Span<float> features)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        if (features.Length < FeatureIndex.Count)
        {
            throw new ArgumentException($"The feature buffer needs {FeatureIndex.Count} slots.", nameof(features));
        }

        var n = sweep.ShearRate.Length;
        Span<double> x = stackalloc double[n];
        Span<double> y = stackalloc double[n];
        Span<double> lnStress = stackalloc double[n];
        Span<double> sqrtRate = stackalloc double[n];
        Span<double> sqrtStress = stackalloc double[n];
        var toReference = 1.0 / BloodRheology.TemperatureFactor(sweep.TemperatureC);

        var stressDecreases = 0;
        for (var i = 0; i < n; i++)
        {
            var rate = sweep.ShearRate[i];

            // A zero reading (broken contact) must not become -infinity in log space.
            var stress = Math.Max(sweep.ShearStress[i] * toReference, 1e-3);
            x[i] = Math.Log(rate);
            lnStress[i] = Math.Log(stress);
            y[i] = lnStress[i] - x[i];
            sqrtRate[i] = Math.Sqrt(rate);
            sqrtStress[i] = Math.Sqrt(stress);
            if (i > 0 && sweep.ShearStress[i] < sweep.ShearStress[i - 1])
            {
                stressDecreases++;
            }
        }

        features[FeatureIndex.TemperatureC] = (float)sweep.TemperatureC;
        features[FeatureIndex.PointCount] = n;
        features[FeatureIndex.LnMinShearRate] = (float)x[0];
        features[FeatureIndex.LnMaxShearRate] = (float)x[n - 1];
        features[FeatureIndex.Hematocrit] = sweep.Hematocrit is { } h ? (float)h : -1f;
        features[FeatureIndex.LnLowShearInterpolated] = (float)Interpolate(x, y, LnLowRate);
        features[FeatureIndex.LnHighShearInterpolated] = (float)Interpolate(x, y, LnHighRate);
        features[FeatureIndex.StressDecreases] = stressDecreases;

        WriteQuadraticFit(x, y, features);
        WriteLinearFits(x, lnStress, sqrtRate, sqrtStress, features);
        WriteShape(x, y, features);
    }

    private static void WriteQuadraticFit(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<float> features)
    {
        var (c0, c1, c2, center) = LeastSquares.Quadratic(x, y);
        double sumSquares = 0, maxAbs = 0;
        var maxAt = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var d = x[i] - center;
            var r = y[i] - (c0 + (c1 * d) + (c2 * d * d));
            sumSquares += r * r;
            if (Math.Abs(r) > maxAbs)
            {
                maxAbs = Math.Abs(r);
                maxAt = i;
            }
        }

        var dl = LnLowRate - center;
        var dh = LnHighRate - center;
        var low = c0 + (c1 * dl) + (c2 * dl * dl);
        var high = c0 + (c1 * dh) + (c2 * dh * dh);
        features[FeatureIndex.LnLowShearFit] = (float)low;
        features[FeatureIndex.LnHighShearFit] = (float)high;
        features[FeatureIndex.FitCurvature] = (float)c2;
        features[FeatureIndex.FitSlope] = (float)c1;
        features[FeatureIndex.FitRmsResidual] = (float)Math.Sqrt(sumSquares / x.Length);
        features[FeatureIndex.FitMaxAbsResidual] = (float)maxAbs;
        features[FeatureIndex.FitMaxResidualPosition] = (float)maxAt / (x.Length - 1);
        features[FeatureIndex.LnShearThinningRatio] = (float)(low - high);
    }

    private static void WriteLinearFits(
        ReadOnlySpan<double> x, ReadOnlySpan<double> lnStress, ReadOnlySpan<double> sqrtRate, ReadOnlySpan<double> sqrtStress, Span<float> features)
    {
        var (k, index) = LeastSquares.Line(x, lnStress);
        var (a, b) = LeastSquares.Line(sqrtRate, sqrtStress);
        double powerSquares = 0, cassonSquares = 0, meanSqrtStress = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var rp = lnStress[i] - (k + (index * x[i]));
            var rc = sqrtStress[i] - (a + (b * sqrtRate[i]));
            powerSquares += rp * rp;
            cassonSquares += rc * rc;
            meanSqrtStress += sqrtStress[i];
        }

        meanSqrtStress /= x.Length;
        features[FeatureIndex.PowerLawIndex] = (float)index;
        features[FeatureIndex.PowerLawRmsResidual] = (float)Math.Sqrt(powerSquares / x.Length);
        features[FeatureIndex.CassonIntercept] = (float)a;
        features[FeatureIndex.CassonViscosity] = (float)(b * b);
        features[FeatureIndex.CassonRelativeResidual] = (float)(Math.Sqrt(cassonSquares / x.Length) / meanSqrtStress);
    }

    private static void WriteShape(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<float> features)
    {
        var n = x.Length;
        var increases = 0;
        double maxSlopeChange = 0, previousSlope = 0;
        var lnTolerance = Math.Log(1.0 + ViscosityIncreaseTolerance);
        for (var i = 1; i < n; i++)
        {
            var slope = (y[i] - y[i - 1]) / (x[i] - x[i - 1]);
            if (y[i] - y[i - 1] > lnTolerance)
            {
                increases++;
            }

            if (i > 1)
            {
                maxSlopeChange = Math.Max(maxSlopeChange, Math.Abs(slope - previousSlope));
            }

            previousSlope = slope;
        }

        features[FeatureIndex.ViscosityIncreases] = increases;
        features[FeatureIndex.MaxSlopeChange] = (float)maxSlopeChange;
        features[FeatureIndex.LowEndSlope] = (float)((y[1] - y[0]) / (x[1] - x[0]));
        features[FeatureIndex.HighEndSlope] = (float)previousSlope;
        features[FeatureIndex.LnFirstViscosity] = (float)y[0];
        features[FeatureIndex.LnLastViscosity] = (float)y[n - 1];
    }

    // Piecewise linear in log-log space; beyond the sweep the end segment is extended.
    private static double Interpolate(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double at)
    {
        var i = 1;
        while (i < x.Length - 1 && x[i] < at)
        {
            i++;
        }

        var t = (at - x[i - 1]) / (x[i] - x[i - 1]);
        return y[i - 1] + (t * (y[i] - y[i - 1]));
    }
}
