using System.Diagnostics;

namespace Visco.Domain.Bench;

/// <summary>Acknowledged-durable latencies of one run, in Stopwatch ticks, per worker to avoid contention.</summary>
internal sealed class LatencyRecorder(int workers)
{
    private readonly List<long>[] _ticks = Enumerable.Range(0, workers).Select(_ => new List<long>(4096)).ToArray();
    private long _failures;

    public long Failures => Interlocked.Read(ref _failures);

    public void Record(int worker, long ticks)
    {
        var list = _ticks[worker];
        lock (list)
        {
            list.Add(ticks);
        }
    }

    public void Fail() => Interlocked.Increment(ref _failures);

    public (long Count, double P50, double P99, double Max) Summary()
    {
        var all = _ticks.SelectMany(t =>
        {
            lock (t)
            {
                return t.ToArray();
            }
        }).ToArray();
        Array.Sort(all);
        double Ms(double q) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(q * all.Length))] * 1000.0 / Stopwatch.Frequency;
        return (all.Length, Ms(0.50), Ms(0.99), all.Length == 0 ? 0 : all[^1] * 1000.0 / Stopwatch.Frequency);
    }
}
