namespace Visco.Model.Evaluation;

/// <summary>Counts of (actual, predicted) class pairs, with the per-class figures derived from them.</summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts;

    /// <summary>Creates an empty matrix over <paramref name="classCount"/> classes.</summary>
    public ConfusionMatrix(int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        ClassCount = classCount;
        _counts = new int[classCount, classCount];
    }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Number of recorded examples.</summary>
    public int Total { get; private set; }

    /// <summary>Examples of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted] => _counts[actual, predicted];

    /// <summary>Records one example.</summary>
    public void Add(int actual, int predicted)
    {
        _counts[actual, predicted]++;
        Total++;
    }

    /// <summary>Fraction of examples predicted correctly.</summary>
    public double Accuracy
    {
        get
        {
            var correct = 0;
            for (var k = 0; k < ClassCount; k++)
            {
                correct += _counts[k, k];
            }

            return Total == 0 ? double.NaN : (double)correct / Total;
        }
    }

    /// <summary>Examples whose actual class is <paramref name="k"/>.</summary>
    public int Support(int k) => Sum(k, true);

    /// <summary>Of the examples predicted as <paramref name="k"/>, the fraction that are <paramref name="k"/>.</summary>
    public double Precision(int k)
    {
        var predicted = Sum(k, false);
        return predicted == 0 ? double.NaN : (double)_counts[k, k] / predicted;
    }

    /// <summary>Of the examples of class <paramref name="k"/>, the fraction predicted as <paramref name="k"/>.</summary>
    public double Recall(int k)
    {
        var support = Support(k);
        return support == 0 ? double.NaN : (double)_counts[k, k] / support;
    }

    /// <summary>Harmonic mean of precision and recall of class <paramref name="k"/>.</summary>
    public double F1(int k)
    {
        var p = Precision(k);
        var r = Recall(k);
        return p + r > 0 ? 2 * p * r / (p + r) : double.NaN;
    }

    private int Sum(int k, bool byActual)
    {
        var sum = 0;
        for (var j = 0; j < ClassCount; j++)
        {
            sum += byActual ? _counts[k, j] : _counts[j, k];
        }

        return sum;
    }
}
