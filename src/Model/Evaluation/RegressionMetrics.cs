namespace Visco.Model.Evaluation;

/// <summary>Error of a regressor on a test set.</summary>
/// <param name="Count">Number of examples.</param>
/// <param name="MeanAbsoluteError">MAE, in the target's unit.</param>
/// <param name="MeanAbsolutePercentageError">MAPE, in percent.</param>
/// <param name="RSquared">Coefficient of determination.</param>
public sealed record RegressionMetrics(int Count, double MeanAbsoluteError, double MeanAbsolutePercentageError, double RSquared)
{
    /// <summary>Computes the metrics; <paramref name="actual"/> values must be non-zero for MAPE.</summary>
    public static RegressionMetrics Compute(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count != predicted.Count || actual.Count == 0)
        {
            throw new ArgumentException("Need the same, non-zero number of actual and predicted values.", nameof(predicted));
        }

        var n = actual.Count;
        var mean = actual.Average();
        double abs = 0, pct = 0, residual = 0, total = 0;
        for (var i = 0; i < n; i++)
        {
            var e = predicted[i] - actual[i];
            abs += Math.Abs(e);
            pct += Math.Abs(e / actual[i]);
            residual += e * e;
            total += (actual[i] - mean) * (actual[i] - mean);
        }

        var r2 = total > 0 ? 1.0 - (residual / total) : double.NaN;
        return new RegressionMetrics(n, abs / n, 100.0 * pct / n, r2);
    }
}
