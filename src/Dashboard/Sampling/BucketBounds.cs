using Visco.Runtime.Metrics;

namespace Visco.Dashboard.Sampling;

/// <summary>Quantiles over the collector's histogram buckets (<see cref="HistogramBuckets"/>), merged across series.</summary>
internal static class BucketBounds
{
    /// <summary>The bounds, ascending.</summary>
    public static IReadOnlyList<double> Bounds => HistogramBuckets.Bounds;

    /// <summary>The estimated quantile of the samples counted, or null when there are none.</summary>
    public static double? Quantile(long[] counts, double quantile) =>
        counts.Sum() == 0 ? null : HistogramBuckets.Quantile(counts, quantile);

    /// <summary>Adds one bucket array into another of the same shape (for quantiles over several series).</summary>
    public static void Add(long[] into, long[] counts)
    {
        var length = Math.Min(into.Length, counts.Length);
        for (var i = 0; i < length; i++)
        {
            into[i] += counts[i];
        }
    }

    /// <summary>A fresh array of the collector's shape (bounds plus overflow).</summary>
    public static long[] Empty() => new long[HistogramBuckets.Bounds.Length + 1];
}
