using Visco.Runtime.Metrics;

namespace Visco.Dashboard.Sampling;

/// <summary>One series at one sampling tick, with what changed since the previous tick.</summary>
/// <param name="Series">The collector's series.</param>
/// <param name="Value">Counter: running total. Gauge: last value. Histogram: sum of samples.</param>
/// <param name="Rate">Counters: increase per second; histograms: samples per second; null on the first tick or for gauges.</param>
/// <param name="ValueRate">Histograms: increase of the sum per second (e.g. ms of work per second); null otherwise.</param>
/// <param name="IntervalBuckets">Histograms: bucket counts added since the previous tick; null otherwise.</param>
internal sealed record SeriesSample(MetricSeries Series, double Value, double? Rate, double? ValueRate, long[]? IntervalBuckets)
{
    /// <summary>The instrument's name.</summary>
    public string Name => Series.Descriptor.Name;

    /// <summary>The value of a tag, or null when the series lacks it.</summary>
    public string? Tag(string key)
    {
        foreach (var (k, v) in Series.Tags)
        {
            if (string.Equals(k, key, StringComparison.Ordinal))
            {
                return v;
            }
        }

        return null;
    }
}
