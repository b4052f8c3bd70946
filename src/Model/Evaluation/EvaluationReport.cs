namespace Visco.Model.Evaluation;

/// <summary>Full evaluation of a model on a labelled test set.</summary>
/// <param name="ModelVersion">The evaluated model's version.</param>
/// <param name="SampleCount">Sweeps evaluated.</param>
/// <param name="LowShear">Low-shear regression error over sound samples (true class not invalid).</param>
/// <param name="HighShear">High-shear regression error over sound samples.</param>
/// <param name="Classification">Classification figures over all samples.</param>
public sealed record EvaluationReport(
    string ModelVersion, int SampleCount, RegressionMetrics LowShear, RegressionMetrics HighShear, ClassificationMetrics Classification);
