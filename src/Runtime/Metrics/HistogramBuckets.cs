namespace Visco.Runtime.Metrics;

/// <summary>
/// Exponential histogram buckets (each bound 25% above the last, from 1 µs to about 10 minutes when the unit is
/// milliseconds): fine enough to read p50/p99 within a quarter, coarse enough for a few hundred bytes per series.
/// </summary>
public static class HistogramBuckets
{
    private const double Growth = 1.25;
    private const double First = 0.001;

    /// <summary>The upper bounds, ascending; values above the last go to an overflow bucket.</summary>
    public static double[] Bounds { get; } = Enumerable.Range(0, 91).Select(i => First * Math.Pow(Growth, i)).ToArray();

    /// <summary>Which bucket a value falls in (Bounds.Length for the overflow bucket).</summary>
    public static int IndexOf(double value)
    {
        if (value <= First)
        {
            return 0;
        }

        var index = (int)Math.Ceiling(Math.Log(value / First) / Math.Log(Growth));
        return Math.Min(index, Bounds.Length);
    }

    /// <summary>The value below which the given fraction of samples fall, estimated at a bucket's upper bound.</summary>
    public static double Quantile(long[] counts, double quantile)
    {
        var total = counts.Sum();
        if (total == 0)
        {
            return 0;
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
}
