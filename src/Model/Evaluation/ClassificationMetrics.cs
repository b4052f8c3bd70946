namespace Visco.Model.Evaluation;

/// <summary>Quality of a classifier on a test set.</summary>
/// <param name="Accuracy">Fraction correct.</param>
/// <param name="Confusion">The confusion matrix (rows actual, columns predicted).</param>
/// <param name="PerClass">Precision, recall, F1 and support per class.</param>
/// <param name="Calibration">Calibration of the reported confidences.</param>
public sealed record ClassificationMetrics(
    double Accuracy, ConfusionMatrix Confusion, IReadOnlyList<ClassMetrics> PerClass, CalibrationReport Calibration)
{
    /// <summary>Computes the metrics; <paramref name="classNames"/> gives the class count and the names.</summary>
    public static ClassificationMetrics Compute(
        IReadOnlyList<int> actual, IReadOnlyList<int> predicted, IReadOnlyList<double> confidences, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(confidences);
        ArgumentNullException.ThrowIfNull(classNames);
        if (actual.Count != predicted.Count || actual.Count != confidences.Count)
        {
            throw new ArgumentException("Actual, predicted and confidences must have the same length.", nameof(predicted));
        }

        var confusion = new ConfusionMatrix(classNames.Count);
        var correct = new bool[actual.Count];
        for (var i = 0; i < actual.Count; i++)
        {
            confusion.Add(actual[i], predicted[i]);
            correct[i] = actual[i] == predicted[i];
        }

        var perClass = new ClassMetrics[classNames.Count];
        for (var k = 0; k < perClass.Length; k++)
        {
            perClass[k] = new ClassMetrics(classNames[k], confusion.Precision(k), confusion.Recall(k), confusion.F1(k), confusion.Support(k));
        }

        return new ClassificationMetrics(confusion.Accuracy, confusion, perClass, CalibrationReport.Compute(confidences, correct));
    }
}
