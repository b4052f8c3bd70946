using System.Globalization;
using System.Text;

namespace Visco.Model.Evaluation;

/// <summary>Renders an <see cref="EvaluationReport"/> as Markdown (which also reads well as plain text).</summary>
public static class ReportFormatter
{
    /// <summary>The report as Markdown tables.</summary>
    public static string ToMarkdown(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"## Evaluation of model {report.ModelVersion} on {report.SampleCount} sweeps\n\n");
        sb.Append("| target | n | MAE (mPa·s) | MAPE (%) | R² |\n| --- | ---: | ---: | ---: | ---: |\n");
        AppendRegression(sb, "viscosity at 5 1/s, 37 °C", report.LowShear);
        AppendRegression(sb, "viscosity at 300 1/s, 37 °C", report.HighShear);

        var c = report.Classification;
        sb.Append(CultureInfo.InvariantCulture, $"\nAccuracy {c.Accuracy * 100:F2} %, ECE {c.Calibration.ExpectedCalibrationError:F4}, ");
        sb.Append(CultureInfo.InvariantCulture, $"MCE {c.Calibration.MaximumCalibrationError:F4}\n\n");
        sb.Append("| class | precision | recall | F1 | support |\n| --- | ---: | ---: | ---: | ---: |\n");
        foreach (var k in c.PerClass)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {k.Name} | {k.Precision:F4} | {k.Recall:F4} | {k.F1:F4} | {k.Support} |\n");
        }

        sb.Append("\nConfusion (rows actual, columns predicted):\n\n| actual \\ predicted |");
        foreach (var k in c.PerClass)
        {
            sb.Append(CultureInfo.InvariantCulture, $" {k.Name} |");
        }

        sb.Append("\n| --- |").Append(string.Concat(Enumerable.Repeat(" ---: |", c.PerClass.Count))).Append('\n');
        for (var a = 0; a < c.Confusion.ClassCount; a++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {c.PerClass[a].Name} |");
            for (var p = 0; p < c.Confusion.ClassCount; p++)
            {
                sb.Append(CultureInfo.InvariantCulture, $" {c.Confusion[a, p]} |");
            }

            sb.Append('\n');
        }

        sb.Append("\nReliability (confidence bins):\n\n| bin | n | mean confidence | accuracy |\n| --- | ---: | ---: | ---: |\n");
        foreach (var b in c.Calibration.Bins.Where(b => b.Count > 0))
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {b.Lower:F1}-{b.Upper:F1} | {b.Count} | {b.MeanConfidence:F4} | {b.Accuracy:F4} |\n");
        }

        return sb.ToString();
    }

    private static void AppendRegression(StringBuilder sb, string name, RegressionMetrics m) =>
        sb.Append(CultureInfo.InvariantCulture, $"| {name} | {m.Count} | {m.MeanAbsoluteError:F4} | {m.MeanAbsolutePercentageError:F3} | {m.RSquared:F5} |\n");
}
