namespace Visco.Model.Evaluation;

/// <summary>Runs a model over labelled sweeps and scores it.</summary>
public static class ModelEvaluator
{
    /// <summary>Names of <see cref="ViscosityClass"/> values in class order, as used in reports and flags.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["normal", "elevated", "hyperviscous", "invalid-sample"];

    /// <summary>
    /// Evaluates <paramref name="model"/>. Regression error counts only samples that are truly sound and that the
    /// model did not reject (a rejected sample reports no viscosity); classification counts every sample.
    /// </summary>
    public static EvaluationReport Evaluate(ViscosityModel model, IReadOnlyList<TrainingExample> examples)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0)
        {
            throw new ArgumentException("Nothing to evaluate.", nameof(examples));
        }

        var actualLow = new List<double>();
        var predictedLow = new List<double>();
        var actualHigh = new List<double>();
        var predictedHigh = new List<double>();
        var actual = new int[examples.Count];
        var predicted = new int[examples.Count];
        var confidence = new double[examples.Count];
        for (var i = 0; i < examples.Count; i++)
        {
            var example = examples[i];
            var prediction = model.Predict(example.Sweep);
            actual[i] = (int)example.Class;
            predicted[i] = (int)prediction.Class;
            confidence[i] = prediction.Confidence;
            if (example.Class != ViscosityClass.InvalidSample && prediction.LowShearViscosity37 is { } low && prediction.HighShearViscosity37 is { } high)
            {
                actualLow.Add(example.LowShearViscosity37);
                predictedLow.Add(low);
                actualHigh.Add(example.HighShearViscosity37);
                predictedHigh.Add(high);
            }
        }

        return new EvaluationReport(
            model.Version,
            examples.Count,
            RegressionMetrics.Compute(actualLow, predictedLow),
            RegressionMetrics.Compute(actualHigh, predictedHigh),
            ClassificationMetrics.Compute(actual, predicted, confidence, ClassNames));
    }
}
