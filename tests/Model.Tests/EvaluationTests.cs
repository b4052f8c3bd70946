using Visco.Model.Evaluation;

namespace Visco.Model.Tests;

public sealed class EvaluationTests
{
    [Fact]
    public void Regression_KnownValues_ComputesMaeMapeR2()
    {
        var m = RegressionMetrics.Compute([2.0, 4.0, 6.0], [2.2, 3.6, 6.0]);
        Assert.Equal(0.2, m.MeanAbsoluteError, 10);
        Assert.Equal(100.0 * ((0.1 + 0.1 + 0.0) / 3), m.MeanAbsolutePercentageError, 10);
        Assert.Equal(1 - (0.2 / 8.0), m.RSquared, 10);
    }

    [Fact]
    public void Confusion_KnownCounts_DerivesPerClassFigures()
    {
        var c = new ConfusionMatrix(2);
        foreach (var (a, p) in new[] { (0, 0), (0, 0), (0, 1), (1, 1), (1, 0), (1, 1), (1, 1) })
        {
            c.Add(a, p);
        }

        Assert.Equal(7, c.Total);
        Assert.Equal(5.0 / 7, c.Accuracy, 10);
        Assert.Equal(2.0 / 3, c.Precision(0), 10);
        Assert.Equal(2.0 / 3, c.Recall(0), 10);
        Assert.Equal(3.0 / 4, c.Precision(1), 10);
        Assert.Equal(3.0 / 4, c.Recall(1), 10);
        Assert.Equal(0.75, c.F1(1), 10);
        Assert.Equal(4, c.Support(1));
    }

    [Fact]
    public void Calibration_KnownBins_ComputesEce()
    {
        // Bin 0.9-1.0: confidence 0.95, accuracy 0.5; bin 0.6-0.7: confidence 0.65, accuracy 1.
        var r = CalibrationReport.Compute([0.95, 0.95, 0.65, 0.65], [true, false, true, true]);
        Assert.Equal((0.5 * 0.45) + (0.5 * 0.35), r.ExpectedCalibrationError, 10);
        Assert.Equal(0.45, r.MaximumCalibrationError, 10);
        Assert.Equal(2, r.Bins.Count(b => b.Count > 0));
    }

    [Fact]
    public void Calibration_PerfectlyCalibrated_ZeroEce()
    {
        var r = CalibrationReport.Compute([1.0, 1.0, 1.0], [true, true, true]);
        Assert.Equal(0.0, r.ExpectedCalibrationError, 12);
    }

    [Fact]
    public void Formatter_Report_ContainsTablesAndFigures()
    {
        var regression = RegressionMetrics.Compute([2.0, 4.0], [2.0, 4.4]);
        var classification = ClassificationMetrics.Compute([0, 1, 2, 3], [0, 1, 2, 2], [0.9, 0.8, 0.7, 0.6], ModelEvaluator.ClassNames);
        var text = ReportFormatter.ToMarkdown(new EvaluationReport("7", 4, regression, regression, classification));
        Assert.Contains("model 7 on 4 sweeps", text, StringComparison.Ordinal);
        Assert.Contains("| invalid-sample |", text, StringComparison.Ordinal);
        Assert.Contains("Accuracy 75.00 %", text, StringComparison.Ordinal);
        Assert.Contains("| 5.000 |", text, StringComparison.Ordinal);
    }
}
