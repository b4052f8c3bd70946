namespace Visco.Firmware.Fleet;

/// <summary>
/// A lock-free latency histogram with logarithmic buckets (2 % wide, 10 µs to about 100 s), so ten thousand agents
/// can record concurrently and a percentile costs one pass over about 800 counters, with at most 2 % error.
/// </summary>
public sealed class LatencyHistogram
{
    private const double MinMicroseconds = 10;
    private const double Growth = 1.02;
    private static readonly double LogGrowth = Math.Log(Growth);
    private readonly long[] _buckets = new long[820];
    private long _count;

    /// <summary>Latencies recorded.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Records one latency.</summary>
    public void Record(TimeSpan latency)
    {
        var microseconds = Math.Max(latency.TotalMicroseconds, MinMicroseconds);
        var index = Math.Min((int)(Math.Log(microseconds / MinMicroseconds) / LogGrowth), _buckets.Length - 1);
        Interlocked.Increment(ref _buckets[index]);
        Interlocked.Increment(ref _count);
    }

    /// <summary>The latency below which <paramref name="quantile"/> (0-1) of the recorded ones lie; null when empty.</summary>
    public TimeSpan? Percentile(double quantile)
    {
        var total = Count;
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= rank)
            {
                return TimeSpan.FromMicroseconds(MinMicroseconds * Math.Pow(Growth, i + 1));
            }
        }

        return TimeSpan.FromMicroseconds(MinMicroseconds * Math.Pow(Growth, _buckets.Length));
    }
}
