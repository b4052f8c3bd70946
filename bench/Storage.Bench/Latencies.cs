using System.Diagnostics;

namespace Visco.Storage.Bench;

/// <summary>Latency samples of one writer (no locking: one writer, one instance), merged for percentiles.</summary>
public sealed class Latencies
{
    private readonly List<long> _ticks = new(capacity: 4096);

    /// <summary>Records the time since <paramref name="startTimestamp"/>.</summary>
    public void Record(long startTimestamp) => _ticks.Add(Stopwatch.GetTimestamp() - startTimestamp);

    /// <summary>Samples recorded.</summary>
    public int Count => _ticks.Count;

    /// <summary>Percentile <paramref name="p"/> (0..1) of all samples, in milliseconds.</summary>
    public static double Percentile(IEnumerable<Latencies> all, double p)
    {
        var merged = all.SelectMany(l => l._ticks).ToArray();
        if (merged.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(merged);
        var index = Math.Min(merged.Length - 1, (int)Math.Ceiling(p * merged.Length) - 1);
        return merged[Math.Max(0, index)] * 1000.0 / Stopwatch.Frequency;
    }
}
