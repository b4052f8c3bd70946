using System.Diagnostics;

namespace Visco.E2E.Bench;

/// <summary>
/// Lock-free latency histogram: buckets 2 % wide from 10 µs to about 2 minutes, so percentiles carry at most 2 %
/// error whatever the count, and recording costs one increment.
/// </summary>
internal sealed class LatencyHistogram
{
    private const double MinMicroseconds = 10;
    private const double Growth = 1.02;
    private static readonly double LogGrowth = Math.Log(Growth);
    private readonly long[] _buckets = new long[850];
    private long _count;
    private long _maxTicks;

    public long Count => Interlocked.Read(ref _count);

    public void Record(long stopwatchTicks)
    {
        var micros = stopwatchTicks * 1_000_000.0 / Stopwatch.Frequency;
        var index = micros <= MinMicroseconds ? 0 : Math.Min(_buckets.Length - 1, 1 + (int)(Math.Log(micros / MinMicroseconds) / LogGrowth));
        Interlocked.Increment(ref _buckets[index]);
        Interlocked.Increment(ref _count);
        long max;
        while (stopwatchTicks > (max = Interlocked.Read(ref _maxTicks)) && Interlocked.CompareExchange(ref _maxTicks, stopwatchTicks, max) != max)
        {
        }
    }

    public double MaxMs => Interlocked.Read(ref _maxTicks) * 1000.0 / Stopwatch.Frequency;

    /// <summary>The latency at quantile q (0..1) in milliseconds: the upper edge of its bucket.</summary>
    public double PercentileMs(double q)
    {
        var count = Count;
        if (count == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(q * count);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= rank)
            {
                return Math.Min(MaxMs, MinMicroseconds * Math.Pow(Growth, i) / 1000.0);
            }
        }

        return MaxMs;
    }
}
