using Visco.Runtime.Metrics;

namespace Visco.Dashboard.Sampling;

/// <summary>
/// Turns the collector's running totals into per-second rates and per-interval histograms by remembering each series'
/// totals at the previous tick. Lives only while the dashboard samples; dropped with its memory when nobody watches.
/// </summary>
internal sealed class RateCalculator(TimeProvider time)
{
    private readonly Dictionary<MetricSeries, Previous> _previous = new(ReferenceEqualityComparer.Instance);
    private long _lastTimestamp;
    private bool _started;

    /// <summary>Seconds between the last two ticks (0 before the second).</summary>
    public double IntervalSeconds { get; private set; }

    /// <summary>Samples every series now.</summary>
    public IReadOnlyList<SeriesSample> Sample(IReadOnlyList<MetricSeries> series)
    {
        var now = time.GetTimestamp();
        var elapsed = _started ? time.GetElapsedTime(_lastTimestamp, now).TotalSeconds : 0;
        _lastTimestamp = now;
        _started = true;
        IntervalSeconds = elapsed;
        var samples = new List<SeriesSample>(series.Count);
        var seen = new HashSet<MetricSeries>(ReferenceEqualityComparer.Instance);
        foreach (var item in series)
        {
            seen.Add(item);
            samples.Add(SampleOne(item, elapsed));
        }

        foreach (var gone in _previous.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            _previous.Remove(gone);
        }

        return samples;
    }

    private SeriesSample SampleOne(MetricSeries series, double elapsed)
    {
        var kind = series.Descriptor.Kind;
        var value = series.Value;
        var had = _previous.TryGetValue(series, out var previous) && elapsed > 0;
        if (!had && elapsed > 0 && kind is MetricKind.Counter or MetricKind.Histogram)
        {
            // A series that appeared since the last tick started from zero inside this interval. Not so for an
            // observed counter: its first observation is a total accumulated before anyone listened.
            previous = new Previous(0, 0, []);
            had = true;
        }

        if (kind == MetricKind.Histogram)
        {
            var count = series.Count;
            var buckets = series.Buckets();
            _previous[series] = new Previous(value, count, buckets);
            if (!had)
            {
                return new SeriesSample(series, value, null, null, null);
            }

            var interval = new long[buckets.Length];
            for (var i = 0; i < buckets.Length && i < previous!.Buckets.Length; i++)
            {
                interval[i] = Math.Max(0, buckets[i] - previous.Buckets[i]);
            }

            return new SeriesSample(
                series, value, Math.Max(0, count - previous!.Count) / elapsed, Math.Max(0, value - previous.Value) / elapsed, interval);
        }

        _previous[series] = new Previous(value, 0, []);
        if (kind is MetricKind.Counter or MetricKind.ObservedCounter)
        {
            // A counter only grows; a drop means its source restarted, so the interval counts as no increase.
            return new SeriesSample(series, value, had ? Math.Max(0, value - previous!.Value) / elapsed : null, null, null);
        }

        return new SeriesSample(series, value, null, null, null);
    }

    private sealed record Previous(double Value, long Count, long[] Buckets);
}
