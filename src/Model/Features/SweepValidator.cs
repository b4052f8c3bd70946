using System.Globalization;

namespace Visco.Model.Features;

/// <summary>
/// Checks a sweep before feature extraction. Bad data is the normal case at a hospital's edge, so every problem is
/// reported as a <see cref="SweepValidationResult"/>, never thrown.
/// </summary>
public static class SweepValidator
{
    /// <summary>Fewest points a flow-curve fit accepts.</summary>
    public const int MinPoints = 5;

    /// <summary>Most points accepted.</summary>
    public const int MaxPoints = 64;

    /// <summary>Lowest accepted measuring temperature, °C.</summary>
    public const double MinTemperatureC = 0.0;

    /// <summary>Highest accepted measuring temperature, °C.</summary>
    public const double MaxTemperatureC = 50.0;

    /// <summary>Validates the sweep.</summary>
    public static SweepValidationResult Validate(Sweep? sweep)
    {
        if (sweep is null || string.IsNullOrWhiteSpace(sweep.SampleId))
        {
            return SweepValidationResult.Invalid(SweepValidationError.MissingData, "The sweep has no sample id.");
        }

        var rates = sweep.ShearRate;
        var stress = sweep.ShearStress;
        if (rates is null || stress is null)
        {
            return SweepValidationResult.Invalid(SweepValidationError.MissingData, "The sweep has no shear rates or no shear stresses.");
        }

        if (rates.Length != stress.Length)
        {
            return SweepValidationResult.Invalid(
                SweepValidationError.LengthMismatch,
                Format("The sweep has {0} shear rates but {1} shear stresses.", rates.Length, stress.Length));
        }

        if (rates.Length < MinPoints)
        {
            return SweepValidationResult.Invalid(
                SweepValidationError.TooFewPoints,
                Format("The sweep has {0} points; at least {1} are needed.", rates.Length, MinPoints));
        }

        if (rates.Length > MaxPoints)
        {
            return SweepValidationResult.Invalid(
                SweepValidationError.TooManyPoints,
                Format("The sweep has {0} points; at most {1} are accepted.", rates.Length, MaxPoints));
        }

        return ValidatePoints(rates, stress) ?? ValidateConditions(sweep);
    }

    private static SweepValidationResult? ValidatePoints(double[] rates, double[] stress)
    {
        for (var i = 0; i < rates.Length; i++)
        {
            if (!double.IsFinite(rates[i]) || !double.IsFinite(stress[i]))
            {
                return SweepValidationResult.Invalid(
                    SweepValidationError.NonFiniteValue,
                    Format("Point {0} has a non-finite value (rate {1}, stress {2}).", i, rates[i], stress[i]));
            }

            if (rates[i] <= 0.0)
            {
                return SweepValidationResult.Invalid(
                    SweepValidationError.NonPositiveShearRate,
                    Format("Shear rate {0} at point {1} is not positive.", rates[i], i));
            }

            if (i > 0 && rates[i] <= rates[i - 1])
            {
                return SweepValidationResult.Invalid(
                    SweepValidationError.NonMonotonicShearRate,
                    Format("Shear rate {0} at point {1} does not exceed {2} at point {3}.", rates[i], i, rates[i - 1], i - 1));
            }

            if (stress[i] < 0.0)
            {
                return SweepValidationResult.Invalid(
                    SweepValidationError.NegativeShearStress,
                    Format("Shear stress {0} at point {1} is negative.", stress[i], i));
            }
        }

        return null;
    }

    private static SweepValidationResult ValidateConditions(Sweep sweep)
    {
        var t = sweep.TemperatureC;
        if (!double.IsFinite(t))
        {
            return SweepValidationResult.Invalid(SweepValidationError.NonFiniteValue, "The temperature is not a finite number.");
        }

        if (t < MinTemperatureC || t > MaxTemperatureC)
        {
            return SweepValidationResult.Invalid(
                SweepValidationError.TemperatureOutOfRange,
                Format("Temperature {0} °C is outside {1}-{2} °C.", t, MinTemperatureC, MaxTemperatureC));
        }

        if (sweep.Hematocrit is { } h)
        {
            if (!double.IsFinite(h))
            {
                return SweepValidationResult.Invalid(SweepValidationError.NonFiniteValue, "The hematocrit is not a finite number.");
            }

            if (h < 0.05 || h > 0.95)
            {
                return SweepValidationResult.Invalid(
                    SweepValidationError.HematocritOutOfRange,
                    Format("Hematocrit {0} is outside 0.05-0.95; it is a fraction, not a percentage.", h));
            }
        }

        return SweepValidationResult.Valid;
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
