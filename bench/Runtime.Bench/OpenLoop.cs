using System.Diagnostics;
using Visco.Runtime.Hosting;

namespace Visco.Runtime.Bench;

/// <summary>
/// Durable state writes at a fixed rate (open loop): write i is due at start + i / rate on grain i mod 1,000, is
/// issued when due whether or not earlier writes finished, and its latency counts from when it was due. A stalled
/// writer therefore shows up as latency of every write that should have started meanwhile (no coordinated omission,
/// unlike a closed loop where a stall just delays the next request).
/// </summary>
internal static class OpenLoop
{
    private const int Grains = 1_000;

    /// <summary>Closed-loop capacity first, then fixed rates at the given fractions of it.</summary>
    public static async Task SweepAsync(SiloHost silo, TimeSpan duration, double[] fractions)
    {
        var capacity = await Scenarios.StateWritesAsync(silo, duration);
        foreach (var fraction in fractions)
        {
            await RunAsync(silo, duration, (int)(capacity * fraction), $"{fraction:P0} of capacity");
        }
    }

    /// <summary>Writes at <paramref name="rate"/> per second for <paramref name="duration"/>; prints the latency percentiles.</summary>
    public static async Task RunAsync(SiloHost silo, TimeSpan duration, int rate, string label)
    {
        for (var i = 0; i < Grains; i++)
        {
            await silo.GrainFactory.GetGrain<IWriterGrain>(i).Write(0);
        }

        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new long[total];
        var pending = new Task[total];
        var ticksPerWrite = Stopwatch.Frequency / (double)rate;
        var start = Stopwatch.GetTimestamp();
        var issued = 0;
        var maxBehind = 0L;
        while (issued < total)
        {
            var now = Stopwatch.GetTimestamp();
            var due = Math.Min(total, (int)((now - start) / ticksPerWrite) + 1);
            for (; issued < due; issued++)
            {
                var scheduled = start + (long)(issued * ticksPerWrite);
                maxBehind = Math.Max(maxBehind, now - scheduled);
                pending[issued] = WriteAsync(silo.GrainFactory.GetGrain<IWriterGrain>(issued % Grains), issued, scheduled, latencies);
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(pending);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Array.Sort(latencies);
        double Ms(double q) => latencies[(int)Math.Min(total - 1, q * total)] * 1e3 / Stopwatch.Frequency;
        Console.WriteLine(
            $"state open loop ({label}, {silo.Store.Name}): {rate:N0} writes/s scheduled over {Grains:N0} grains, {total:N0} writes done in {elapsed:F2} s; " +
            $"latency from scheduled time p50 {Ms(0.5):F1} ms, p90 {Ms(0.9):F1} ms, p99 {Ms(0.99):F1} ms, p99.9 {Ms(0.999):F1} ms, max {Ms(1):F1} ms; " +
            $"issuer at most {maxBehind * 1e3 / Stopwatch.Frequency:F1} ms late");
    }

    private static async Task WriteAsync(IWriterGrain grain, int value, long scheduled, long[] latencies)
    {
        await grain.Write(value);
        latencies[value] = Stopwatch.GetTimestamp() - scheduled;
    }
}
