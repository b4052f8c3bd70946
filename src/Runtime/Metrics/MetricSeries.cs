namespace Visco.Runtime.Metrics;

/// <summary>One instrument's aggregate for one set of tags: a sum, a last value, or a histogram.</summary>
public sealed class MetricSeries
{
    private readonly Lock _lock = new();
    private readonly long[]? _buckets;
    private double _sum;
    private long _count;

    internal MetricSeries(MetricDescriptor descriptor, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        Descriptor = descriptor;
        Tags = tags;
        if (descriptor.Kind == MetricKind.Histogram)
        {
            _buckets = new long[HistogramBuckets.Bounds.Length + 1];
        }
    }

    /// <summary>The instrument.</summary>
    public MetricDescriptor Descriptor { get; }

    /// <summary>The tags, as strings.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; }

    /// <summary>Counter: the running total. Gauge: the last value. Histogram: the sum of samples.</summary>
    public double Value
    {
        get
        {
            lock (_lock)
            {
                return _sum;
            }
        }
    }

    /// <summary>Histogram: how many samples.</summary>
    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Histogram: samples per bucket of <see cref="HistogramBuckets.Bounds"/> (a copy; last is overflow).</summary>
    public long[] Buckets()
    {
        lock (_lock)
        {
            return _buckets is null ? [] : (long[])_buckets.Clone();
        }
    }

    /// <summary>Histogram: the estimated quantile (0..1) of all samples so far.</summary>
    public double Quantile(double quantile) => HistogramBuckets.Quantile(Buckets(), quantile);

    internal void Record(double value)
    {
        lock (_lock)
        {
            switch (Descriptor.Kind)
            {
                case MetricKind.Counter:
                case MetricKind.UpDownCounter:
                    _sum += value;
                    break;
                case MetricKind.ObservedCounter:
                case MetricKind.Gauge:
                    _sum = value;
                    break;
                default:
                    _sum += value;
                    _count++;
                    _buckets![HistogramBuckets.IndexOf(value)]++;
                    break;
            }
        }
    }
}
