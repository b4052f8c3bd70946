using Visco.Model.Features;
using Visco.Model.Trees;

namespace Visco.Model;

/// <summary>
/// A trained model: two regressors (ln viscosity at low and high shear, 37 °C) and a softmax classifier, bound to
/// the feature schema they were trained on. The regressors learn a correction to the physics estimate from the
/// log-log flow-curve fit; the classifier reads the sweep features plus both regressed viscosities, so class
/// boundaries sit on the same numbers the report shows. Immutable and thread-safe.
/// </summary>
public sealed class ViscosityModel
{
    /// <summary>Classes in output order of the classifier.</summary>
    public const int ClassCount = 4;

    /// <summary>Features appended to the schema's vector for the classifier: predicted ln viscosity low, high.</summary>
    public const int StackedFeatureCount = 2;

    /// <summary>Creates a model from its parts; checks they fit the schema.</summary>
    public ViscosityModel(
        FeatureSchema schema,
        TreeEnsemble lowShear,
        TreeEnsemble highShear,
        TreeEnsemble classifier,
        double classifierTemperature,
        ModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(lowShear);
        ArgumentNullException.ThrowIfNull(highShear);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(metadata);
        if (!schema.IsCompatibleWith(SweepFeatures.Schema))
        {
            throw new ArgumentException($"This build extracts {SweepFeatures.Schema.Id}; the model needs {schema.Id}.", nameof(schema));
        }

        if (lowShear.FeatureCount != schema.Count || highShear.FeatureCount != schema.Count || lowShear.OutputCount != 1 || highShear.OutputCount != 1)
        {
            throw new ArgumentException("Regressors must read the schema's features and have one output.", nameof(lowShear));
        }

        if (classifier.FeatureCount != schema.Count + StackedFeatureCount || classifier.OutputCount != ClassCount)
        {
            throw new ArgumentException(
                $"The classifier must read {schema.Count + StackedFeatureCount} features and have {ClassCount} outputs.", nameof(classifier));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(classifierTemperature, 0.0);
        Schema = schema;
        LowShear = lowShear;
        HighShear = highShear;
        Classifier = classifier;
        ClassifierTemperature = classifierTemperature;
        Metadata = metadata;
    }

    /// <summary>The feature schema the model was trained on.</summary>
    public FeatureSchema Schema { get; }

    /// <summary>Regressor of ln(viscosity at 5 1/s) minus the fitted estimate.</summary>
    public TreeEnsemble LowShear { get; }

    /// <summary>Regressor of ln(viscosity at 300 1/s) minus the fitted estimate.</summary>
    public TreeEnsemble HighShear { get; }

    /// <summary>Softmax classifier over <see cref="ViscosityClass"/> values 0-3.</summary>
    public TreeEnsemble Classifier { get; }

    /// <summary>Temperature dividing the classifier's logits (calibration).</summary>
    public double ClassifierTemperature { get; }

    /// <summary>Identity, provenance and metrics.</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>The model version.</summary>
    public string Version => Metadata.ModelVersion;

    /// <summary>Predicts viscosities, class and flags for a sweep. Bad input gives an invalid-sample answer, never an exception.</summary>
    public Prediction Predict(Sweep sweep)
    {
        var validation = SweepValidator.Validate(sweep);
        if (!validation.IsValid)
        {
            return new Prediction(
                sweep?.SampleId ?? string.Empty,
                Version,
                null,
                null,
                ViscosityClass.InvalidSample,
                1.0,
                [PredictionFlags.InvalidInput],
                validation.Error,
                validation.Message);
        }

        Span<float> features = stackalloc float[FeatureIndex.Count + StackedFeatureCount];
        SweepFeatures.Extract(sweep, features);
        Span<double> probabilities = stackalloc double[ClassCount];
        var (lnLow, lnHigh) = Evaluate(features, probabilities);
        var cls = Softmax.ArgMax(probabilities);
        var valid = cls != (int)ViscosityClass.InvalidSample;
        return new Prediction(
            sweep.SampleId,
            Version,
            valid ? Math.Exp(lnLow) : null,
            valid ? Math.Exp(lnHigh) : null,
            (ViscosityClass)cls,
            probabilities[cls],
            Flags(features));
    }

    /// <summary>
    /// The numeric core of <see cref="Predict"/> on an extracted feature vector (length schema + 2; the last two
    /// slots are overwritten): returns ln viscosities and writes calibrated class probabilities.
    /// </summary>
    public (double LnLowShear, double LnHighShear) Evaluate(Span<float> features, Span<double> probabilities)
    {
        if (features.Length < Schema.Count + StackedFeatureCount || probabilities.Length < ClassCount)
        {
            throw new ArgumentException(
                $"Need {Schema.Count + StackedFeatureCount} feature slots and {ClassCount} probability slots.", nameof(features));
        }

        var lnLow = features[FeatureIndex.LnLowShearFit] + LowShear.PredictScalar(features);
        var lnHigh = features[FeatureIndex.LnHighShearFit] + HighShear.PredictScalar(features);
        features[FeatureIndex.Count] = (float)lnLow;
        features[FeatureIndex.Count + 1] = (float)lnHigh;
        Classifier.Predict(features, probabilities);
        Softmax.Apply(probabilities[..ClassCount], ClassifierTemperature);
        return (lnLow, lnHigh);
    }

    private static IReadOnlyList<string> Flags(ReadOnlySpan<float> f)
    {
        List<string>? flags = null;
        Add(ref flags, f[FeatureIndex.StressDecreases] > 0, PredictionFlags.NonMonotonicStress);
        Add(ref flags, f[FeatureIndex.ViscosityIncreases] > 0, PredictionFlags.NonMonotonicViscosity);
        var t = f[FeatureIndex.TemperatureC];
        Add(ref flags, t < PredictionFlags.MinTemperatureC || t > PredictionFlags.MaxTemperatureC, PredictionFlags.TemperatureOutOfRange);
        Add(ref flags, f[FeatureIndex.FitRmsResidual] > PredictionFlags.MaxFitRmsResidual, PredictionFlags.FitResidualHigh);
        Add(ref flags, Math.Exp(f[FeatureIndex.LnMinShearRate]) > ReferenceConditions.LowShearRate * 1.0001, PredictionFlags.LowShearExtrapolated);
        Add(ref flags, Math.Exp(f[FeatureIndex.LnMaxShearRate]) < ReferenceConditions.HighShearRate * 0.9999, PredictionFlags.HighShearExtrapolated);
        return flags is null ? [] : flags;
    }

    private static void Add(ref List<string>? flags, bool condition, string flag)
    {
        if (condition)
        {
            (flags ??= new List<string>(2)).Add(flag);
        }
    }
}
