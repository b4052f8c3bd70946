using System.Globalization;
using System.Security;
using System.Text;
using Visco.Model;
using Visco.Model.Evaluation;

namespace Visco.Retraining.Reports;

/// <summary>
/// The report's plots as standalone SVG (no plotting package restores here, and SVG opens in any browser and diffs as
/// text): predicted vs reference, residuals by group, and a confusion-matrix heatmap.
/// </summary>
public static class SvgPlots
{
    private const int Width = 640;
    private const int Height = 480;
    private const int Margin = 60;

    /// <summary>Predicted against reference high-shear viscosity for the candidate (blue) and the active model (grey), with the identity line.</summary>
    public static string PredictedVersusReference(IReadOnlyList<HoldOutPrediction> candidate, IReadOnlyList<HoldOutPrediction>? active, string candidateVersion, string? activeVersion)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var points = candidate.Concat(active ?? []).Where(p => p.PredictedHigh is not null).ToList();
        var max = points.Count == 0 ? 10 : Math.Ceiling(points.Max(p => Math.Max(p.ReferenceHigh, p.PredictedHigh!.Value)) + 0.5);
        var min = points.Count == 0 ? 0 : Math.Floor(Math.Max(0, points.Min(p => Math.Min(p.ReferenceHigh, p.PredictedHigh!.Value)) - 0.5));
        var svg = Begin($"High-shear viscosity, hold-out: predicted vs reference (mPa·s)");
        Axes(svg, min, max, min, max, "reference", "predicted");
        Line(svg, X(min, min, max), Y(min, min, max), X(max, min, max), Y(max, min, max), "#999", dashed: true);
        foreach (var (series, colour) in new[] { (active, "#9e9e9e"), (candidate, "#1f77b4") })
        {
            foreach (var p in (series ?? []).Where(p => p.PredictedHigh is not null))
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(p.ReferenceHigh, min, max):0.#}\" cy=\"{Y(p.PredictedHigh!.Value, min, max):0.#}\" r=\"2\" fill=\"{colour}\" fill-opacity=\"0.6\"/>");
            }
        }

        Legend(svg, [("candidate " + candidateVersion, "#1f77b4"), .. activeVersion is null ? Array.Empty<(string, string)>() : [("active " + activeVersion, "#9e9e9e")]]);
        return End(svg);
    }

    /// <summary>Mean residual (predicted − reference, high shear) per group with ±1 standard deviation whiskers.</summary>
    public static string ResidualsBy(string groupName, IReadOnlyList<HoldOutPrediction> predictions, Func<HoldOutPrediction, string> group, int maxGroups = 30)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var groups = predictions.Where(p => p.PredictedHigh is not null).GroupBy(group)
            .Select(g =>
            {
                var r = g.Select(p => p.PredictedHigh!.Value - p.ReferenceHigh).ToList();
                var mean = r.Average();
                return (Name: g.Key, Mean: mean, Sd: Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / r.Count), Count: r.Count);
            })
            .OrderByDescending(g => g.Count).Take(maxGroups).OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
        var extent = groups.Count == 0 ? 1 : Math.Max(0.1, groups.Max(g => Math.Abs(g.Mean) + g.Sd)) * 1.1;
        var svg = Begin($"High-shear residuals by {groupName} (candidate, mPa·s)");
        Axes(svg, 0, Math.Max(1, groups.Count), -extent, extent, groupName, "predicted − reference");
        Line(svg, Margin, Y(0, -extent, extent), Width - Margin, Y(0, -extent, extent), "#999", dashed: true);
        var step = (Width - 2.0 * Margin) / Math.Max(1, groups.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            var x = Margin + (i + 0.5) * step;
            Line(svg, x, Y(g.Mean - g.Sd, -extent, extent), x, Y(g.Mean + g.Sd, -extent, extent), "#555", dashed: false);
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.#}\" cy=\"{Y(g.Mean, -extent, extent):0.#}\" r=\"4\" fill=\"#d62728\"><title>{Escape(g.Name)}: mean {g.Mean:0.###}, sd {g.Sd:0.###}, n {g.Count}</title></circle>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{Height - Margin + 14}\" font-size=\"9\" text-anchor=\"end\" transform=\"rotate(-45 {x:0.#} {Height - Margin + 14})\">{Escape(g.Name)}</text>");
        }

        return End(svg);
    }

    /// <summary>The confusion matrix as a heatmap: rows the reference class, columns the predicted class, cells shaded by row share.</summary>
    public static string ConfusionHeatmap(ConfusionMatrix confusion, string title)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        var names = ModelEvaluator.ClassNames;
        var n = confusion.ClassCount;
        var cell = (Height - 2.0 * Margin - 40) / n;
        var left = Margin + 80;
        var svg = Begin(title);
        for (var a = 0; a < n; a++)
        {
            var rowTotal = Math.Max(1, Enumerable.Range(0, n).Sum(p => confusion[a, p]));
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{Margin + 40 + (a + 0.5) * cell:0.#}\" font-size=\"11\" text-anchor=\"end\">{names[a]}</text>");
            for (var p = 0; p < n; p++)
            {
                var share = confusion[a, p] / (double)rowTotal;
                var x = left + p * cell;
                var y = Margin + 40 + a * cell;
                var shade = (int)(255 - 200 * share);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{cell:0.#}\" height=\"{cell:0.#}\" fill=\"rgb({shade},{shade},255)\" stroke=\"#fff\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + cell / 2:0.#}\" y=\"{y + cell / 2 + 4:0.#}\" font-size=\"12\" text-anchor=\"middle\">{confusion[a, p]}</text>");
            }
        }

        for (var p = 0; p < n; p++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (p + 0.5) * cell:0.#}\" y=\"{Margin + 32}\" font-size=\"11\" text-anchor=\"middle\">{names[p]}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + n * cell / 2:0.#}\" y=\"{Margin + 16}\" font-size=\"12\" text-anchor=\"middle\">predicted</text>");
        return End(svg);
    }

    private static double X(double value, double min, double max) => Margin + (value - min) / (max - min) * (Width - 2 * Margin);

    private static double Y(double value, double min, double max) => Height - Margin - (value - min) / (max - min) * (Height - 2 * Margin);

    private static StringBuilder Begin(string title)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#fff\"/><text x=\"{Width / 2}\" y=\"24\" font-size=\"15\" text-anchor=\"middle\">{Escape(title)}</text>");
        return svg;
    }

    private static string End(StringBuilder svg) => svg.Append("</svg>\n").ToString();

    private static void Axes(StringBuilder svg, double xMin, double xMax, double yMin, double yMax, string xLabel, string yLabel)
    {
        Line(svg, Margin, Height - Margin, Width - Margin, Height - Margin, "#333", dashed: false);
        Line(svg, Margin, Margin, Margin, Height - Margin, "#333", dashed: false);
        for (var i = 0; i <= 4; i++)
        {
            var yv = yMin + (yMax - yMin) * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin - 6}\" y=\"{Y(yv, yMin, yMax) + 4:0.#}\" font-size=\"10\" text-anchor=\"end\">{yv:0.##}</text>");
            if (xLabel is not ("hospital" or "device"))
            {
                var xv = xMin + (xMax - xMin) * i / 4;
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(xv, xMin, xMax):0.#}\" y=\"{Height - Margin + 16}\" font-size=\"10\" text-anchor=\"middle\">{xv:0.##}</text>");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height - 8}\" font-size=\"12\" text-anchor=\"middle\">{Escape(xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{Height / 2}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 16 {Height / 2})\">{Escape(yLabel)}</text>");
    }

    private static void Legend(StringBuilder svg, IReadOnlyList<(string Name, string Colour)> entries)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var y = Margin + 10 + i * 16;
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Margin + 14}\" cy=\"{y}\" r=\"4\" fill=\"{entries[i].Colour}\"/><text x=\"{Margin + 24}\" y=\"{y + 4}\" font-size=\"11\">{Escape(entries[i].Name)}</text>");
        }
    }

    private static void Line(StringBuilder svg, double x1, double y1, double x2, double y2, string colour, bool dashed) =>
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x1:0.#}\" y1=\"{y1:0.#}\" x2=\"{x2:0.#}\" y2=\"{y2:0.#}\" stroke=\"{colour}\"{(dashed ? " stroke-dasharray=\"4 4\"" : "")}/>");

    private static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;
}
