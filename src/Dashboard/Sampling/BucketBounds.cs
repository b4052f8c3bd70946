namespace Visco.Dashboard.Sampling;

/// <summary>
/// The upper bounds of the collector's histogram buckets. The runtime keeps them internal, so they are restated here
/// from its documented scheme (1 µs, each 25% above the last, 91 bounds plus overflow); a test checks this copy
/// against the collector's own quantiles so a change there cannot go unnoticed.
/// </summary>
internal static class BucketBounds
{
    private const double Growth = 1.25;
    private const double First = 0.001;

    /// <summary>The bounds, ascending.</summary>
    public static double[] Bounds { get; } = Enumerable.Range(0, 91).Select(i => First * Math.Pow(Growth, i)).ToArray();

    /// <summary>The estimated quantile of the samples counted, or null when there are none.</summary>
    public static double? Quantile(long[] counts, double quantile)
    {
        long total = 0;
        foreach (var count in counts)
        {
            total += count;
        }

        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return i < Bounds.Length ? Bounds[i] : Bounds[^1];
            }
        }

        return Bounds[^1];
    }

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
    public static long[] Empty() => new long[Bounds.Length + 1];
}
