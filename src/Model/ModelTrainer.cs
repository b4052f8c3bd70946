using Visco.Model.Evaluation;
using Visco.Model.Features;
using Visco.Model.Trees;

namespace Visco.Model;

/// <summary>
/// Trains a <see cref="ViscosityModel"/> from labelled sweeps. Sweeps that fail validation are skipped (they never
/// reach a model in production either). The regressors train on sound samples only: a faulty sweep says nothing
/// about the blood. Metrics in the model's metadata are measured on the held-out validation split:
/// val_mape_low_pct, val_mape_high_pct, val_mae_low, val_mae_high, val_r2_high, val_accuracy, val_ece,
/// val_invalid_recall, val_invalid_precision, temperature, validation_count.
/// </summary>
public sealed class ModelTrainer(ModelTrainingOptions options)
{
    /// <summary>Trains with default options.</summary>
    public ModelTrainer()
        : this(new ModelTrainingOptions())
    {
    }

    /// <summary>Trains a model and stamps it with the given version and provenance.</summary>
    public ViscosityModel Train(IReadOnlyList<TrainingExample> examples, string modelVersion, string dataSource, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelVersion);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataSource);
        options.Validate();

        var usable = examples.Where(e => SweepValidator.Validate(e.Sweep).IsValid).ToList();
        if (usable.Count < 100)
        {
            throw new ArgumentException($"Training needs at least 100 valid sweeps; got {usable.Count}.", nameof(examples));
        }

        var (train, validation) = Split(usable);
        var trainX = Extract(train);
        var validX = Extract(validation);

        var low = TrainRegressor(train, trainX, validation, validX, e => e.LowShearViscosity37, FeatureIndex.LnLowShearFit, options.Regression);
        var high = TrainRegressor(train, trainX, validation, validX, e => e.HighShearViscosity37, FeatureIndex.LnHighShearFit, options.Regression with { Seed = options.Regression.Seed + 1 });
        Stack(trainX, low, high);
        Stack(validX, low, high);

        var trainLabels = train.Select(e => (int)e.Class).ToArray();
        var validLabels = validation.Select(e => (int)e.Class).ToArray();
        var classifier = GradientBoostedClassifier.Train(
            trainX, trainLabels, ViscosityModel.ClassCount, validX, validLabels, options.Classification).Ensemble;
        var temperature = Calibrate(classifier, validX, validLabels);

        var placeholder = new ModelMetadata(modelVersion, default, dataSource, usable.Count, default, default, new Dictionary<string, double>());
        var model = new ViscosityModel(SweepFeatures.Schema, low, high, classifier, temperature, placeholder);
        var report = ModelEvaluator.Evaluate(model, validation);
        var metadata = placeholder with
        {
            CreatedAt = (timeProvider ?? TimeProvider.System).GetUtcNow(),
            TrainingDataFrom = usable.Min(e => e.Sweep.TakenAt),
            TrainingDataTo = usable.Max(e => e.Sweep.TakenAt),
            Metrics = Metrics(report, temperature),
        };
        return new ViscosityModel(SweepFeatures.Schema, low, high, classifier, temperature, metadata);
    }

    private (List<TrainingExample> Train, List<TrainingExample> Validation) Split(List<TrainingExample> usable)
    {
        var order = Enumerable.Range(0, usable.Count).ToArray();
        new Random(unchecked((int)options.Seed)).Shuffle(order);
        var validationCount = Math.Max(1, (int)(usable.Count * options.ValidationFraction));
        var validation = order.Take(validationCount).Select(i => usable[i]).ToList();
        var train = order.Skip(validationCount).Select(i => usable[i]).ToList();
        return (train, validation);
    }

    private static FeatureMatrix Extract(List<TrainingExample> examples)
    {
        var matrix = new FeatureMatrix(examples.Count, FeatureIndex.Count + ViscosityModel.StackedFeatureCount);
        for (var i = 0; i < examples.Count; i++)
        {
            SweepFeatures.Extract(examples[i].Sweep, matrix.Row(i));
        }

        return matrix;
    }

    // The target is the log-ratio of truth to the physics estimate, so trees learn a small, smooth correction.
    private static TreeEnsemble TrainRegressor(
        List<TrainingExample> train,
        FeatureMatrix trainX,
        List<TrainingExample> validation,
        FeatureMatrix validX,
        Func<TrainingExample, double> truth,
        int baseFeature,
        GradientBoostingOptions boosting)
    {
        var (x, y) = RegressionSet(train, trainX, truth, baseFeature);
        var (vx, vy) = RegressionSet(validation, validX, truth, baseFeature);
        return GradientBoostedRegressor.Train(x, y, vx.Rows > 0 ? vx : null, vx.Rows > 0 ? vy : null, boosting).Ensemble;
    }

    private static (FeatureMatrix X, double[] Y) RegressionSet(
        List<TrainingExample> examples, FeatureMatrix all, Func<TrainingExample, double> truth, int baseFeature)
    {
        var rows = Enumerable.Range(0, examples.Count)
            .Where(i => examples[i].Class != ViscosityClass.InvalidSample && truth(examples[i]) > 0)
            .ToArray();
        var full = all.SelectRows(rows);
        var x = new FeatureMatrix(rows.Length, FeatureIndex.Count);
        var y = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            full.Row(i)[..FeatureIndex.Count].CopyTo(x.Row(i));
            y[i] = Math.Log(truth(examples[rows[i]])) - x[i, baseFeature];
        }

        return (x, y);
    }

    private static void Stack(FeatureMatrix matrix, TreeEnsemble low, TreeEnsemble high)
    {
        for (var i = 0; i < matrix.Rows; i++)
        {
            var row = matrix.Row(i);
            row[FeatureIndex.Count] = (float)(row[FeatureIndex.LnLowShearFit] + low.PredictScalar(row));
            row[FeatureIndex.Count + 1] = (float)(row[FeatureIndex.LnHighShearFit] + high.PredictScalar(row));
        }
    }

    private static double Calibrate(TreeEnsemble classifier, FeatureMatrix validX, int[] labels)
    {
        var logits = new double[validX.Rows * ViscosityModel.ClassCount];
        for (var i = 0; i < validX.Rows; i++)
        {
            classifier.Predict(validX.Row(i), logits.AsSpan(i * ViscosityModel.ClassCount, ViscosityModel.ClassCount));
        }

        return TemperatureScaling.Fit(logits, labels, ViscosityModel.ClassCount);
    }

    private static Dictionary<string, double> Metrics(EvaluationReport report, double temperature)
    {
        var invalid = (int)ViscosityClass.InvalidSample;
        var c = report.Classification;
        return new Dictionary<string, double>
        {
            ["validation_count"] = report.SampleCount,
            ["val_mape_low_pct"] = report.LowShear.MeanAbsolutePercentageError,
            ["val_mape_high_pct"] = report.HighShear.MeanAbsolutePercentageError,
            ["val_mae_low"] = report.LowShear.MeanAbsoluteError,
            ["val_mae_high"] = report.HighShear.MeanAbsoluteError,
            ["val_r2_high"] = report.HighShear.RSquared,
            ["val_accuracy"] = c.Accuracy,
            ["val_ece"] = c.Calibration.ExpectedCalibrationError,
            ["val_invalid_recall"] = c.Confusion.Recall(invalid),
            ["val_invalid_precision"] = c.Confusion.Precision(invalid),
            ["temperature"] = temperature,
        };
    }
}
