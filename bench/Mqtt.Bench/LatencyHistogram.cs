namespace Visco.Mqtt.Bench;

/// <summary>
/// Latencies in log-spaced buckets (2% wide, 1 µs to about 100 s): constant memory however many samples, percentiles
/// to within a bucket's width. Thread-safe by interlocked counters.
/// </summary>
internal sealed class LatencyHistogram
{
    private const double Growth = 1.02;
    private static readonly double LogGrowth = Math.Log(Growth);
    private readonly long[] _counts = new long[1000];
    private long _total;

    public long Count => Interlocked.Read(ref _total);

    public void Record(TimeSpan latency)
    {
        var micros = Math.Max(1.0, latency.TotalMicroseconds);
        var index = Math.Min(_counts.Length - 1, (int)(Math.Log(micros) / LogGrowth));
        Interlocked.Increment(ref _counts[index]);
        Interlocked.Increment(ref _total);
    }

    /// <summary>The latency under which the given fraction of samples fall (upper edge of its bucket), in ms.</summary>
    public double PercentileMs(double fraction)
    {
        var total = Count;
        if (total == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(fraction * total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Pow(Growth, i + 1) / 1000.0;
            }
        }

        return double.NaN;
    }
}
