namespace Visco.Dashboard.Sampling;

/// <summary>Computes one point of every chart line from a tick's samples.</summary>
internal static class ChartEvaluator
{
    /// <summary>Line name to value for one chart; lines with nothing to plot this tick are absent.</summary>
    public static Dictionary<string, double> Evaluate(ChartDefinition chart, ILookup<string, SeriesSample> byInstrument)
    {
        var points = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var source in chart.Sources)
        {
            var samples = byInstrument[source.Instrument];
            if (source.GroupBy is null)
            {
                AddPoint(points, source.Label ?? source.Instrument, Measure(source, samples), source.Scale);
                continue;
            }

            foreach (var group in samples.GroupBy(s => s.Tag(source.GroupBy) ?? "(none)", StringComparer.Ordinal))
            {
                var name = source.Label is null ? group.Key : $"{source.Label} {group.Key}";
                AddPoint(points, name, Measure(source, group), source.Scale);
            }
        }

        if (points.Count > ChartCatalog.MaxLinesPerChart)
        {
            points = points.OrderByDescending(p => p.Value).Take(ChartCatalog.MaxLinesPerChart)
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        }

        return points;
    }

    /// <summary>The sum of the rates, the sum of the values, or a quantile over the merged interval histograms.</summary>
    public static double? Measure(ChartLineSource source, IEnumerable<SeriesSample> samples) => source.Measure switch
    {
        ChartMeasure.Rate => SumOrNull(samples.Select(s => s.Rate)),
        ChartMeasure.Value => SumOrNull(samples.Select(s => (double?)s.Value)),
        ChartMeasure.P50 => Quantile(samples, 0.5),
        _ => Quantile(samples, 0.99),
    };

    /// <summary>A quantile over the merged interval histograms of the samples, or null when no sample fell in the interval.</summary>
    public static double? Quantile(IEnumerable<SeriesSample> samples, double quantile)
    {
        long[]? merged = null;
        foreach (var sample in samples)
        {
            if (sample.IntervalBuckets is { } buckets)
            {
                merged ??= BucketBounds.Empty();
                BucketBounds.Add(merged, buckets);
            }
        }

        return merged is null ? null : BucketBounds.Quantile(merged, quantile);
    }

    private static double? SumOrNull(IEnumerable<double?> values)
    {
        double? sum = null;
        foreach (var value in values)
        {
            if (value is { } v)
            {
                sum = (sum ?? 0) + v;
            }
        }

        return sum;
    }

    private static void AddPoint(Dictionary<string, double> points, string name, double? value, double scale)
    {
        if (value is { } v)
        {
            points[name] = v * scale;
        }
    }
}
