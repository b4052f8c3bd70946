using Visco.Model.Features;

namespace Visco.Model.Files;

/// <summary>
/// The model was trained on a different feature schema than this build extracts: feeding it our vectors would give
/// silently wrong answers, so the file is refused.
/// </summary>
public sealed class FeatureSchemaMismatchException : ModelFileException
{
    /// <summary>Creates the exception.</summary>
    public FeatureSchemaMismatchException(FeatureSchema expected, FeatureSchema actual)
        : base(Describe(expected, actual))
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The schema this build extracts.</summary>
    public FeatureSchema Expected { get; }

    /// <summary>The schema in the file.</summary>
    public FeatureSchema Actual { get; }

    private static string Describe(FeatureSchema expected, FeatureSchema actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var detail = expected.Id != actual.Id
            ? $"the file has {actual.Id}"
            : FirstDifference(expected, actual);
        return $"The model's feature schema does not match: this build extracts {expected.Id} ({expected.Count} features), {detail}. Retrain the model or load it with a matching build.";
    }

    private static string FirstDifference(FeatureSchema expected, FeatureSchema actual)
    {
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            if (expected.FeatureNames[i] != actual.FeatureNames[i])
            {
                return $"feature {i} is '{actual.FeatureNames[i]}' in the file but '{expected.FeatureNames[i]}' here";
            }
        }

        return $"the file lists {actual.Count} features";
    }
}
