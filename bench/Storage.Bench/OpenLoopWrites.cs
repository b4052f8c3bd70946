using System.Diagnostics;
using System.Globalization;

using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Storage.Batching;

namespace Visco.Storage.Bench;

/// <summary>
/// State writes at a fixed rate over many grains (open loop): write i is due at start + i / rate on grain i mod N and
/// is issued when due; a grain's writes run one after the other with the ETag the previous returned, as a grain's turns
/// would. Latency counts from the scheduled time, so a stall of the writer shows up in every write that should have
/// started during it (no coordinated omission).
/// </summary>
public static class OpenLoopWrites
{
    /// <summary>Runs for <paramref name="seconds"/> at <paramref name="rate"/> writes/s and prints the percentiles.</summary>
    public static async Task RunAsync(IRuntimeStore store, Func<GroupCommitStatistics> statistics, int grains, int rate, int seconds, byte[] payload, string label)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(statistics);
        var total = rate * seconds;
        var latencies = new long[total];
        var chains = new Task<string?>[grains];
        var ids = Enumerable.Range(0, grains).Select(i => new GrainId($"bench-open-{label}", i.ToString(CultureInfo.InvariantCulture))).ToArray();
        var ticksPerWrite = Stopwatch.Frequency / (double)rate;
        var before = statistics();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var gcBefore = GC.GetTotalPauseDuration();
        var start = Stopwatch.GetTimestamp();
        var issued = 0;
        var late = 0L;
        while (issued < total)
        {
            var now = Stopwatch.GetTimestamp();
            var due = Math.Min(total, (int)((now - start) / ticksPerWrite) + 1);
            for (; issued < due; issued++)
            {
                late = Math.Max(late, now - (start + (long)(issued * ticksPerWrite)));
                var grain = issued % grains;
                chains[grain] = WriteAfterAsync(chains[grain], store, ids[grain], payload, issued, start + (long)(issued * ticksPerWrite), latencies);
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(chains.Where(c => c is not null));
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var after = statistics();
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var gcPause = GC.GetTotalPauseDuration() - gcBefore;
        Array.Sort(latencies);
        double Ms(double q) => latencies[(int)Math.Min(total - 1, q * total)] * 1e3 / Stopwatch.Frequency;
        var batches = after.Batches - before.Batches;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"open loop {label}: {rate} writes/s on {grains} grains, {total} writes in {elapsed:F2} s; from scheduled time p50 {Ms(0.5):F2} ms  p90 {Ms(0.9):F2} ms  " +
            $"p99 {Ms(0.99):F2} ms  p99.9 {Ms(0.999):F2} ms  max {Ms(1):F2} ms; avg batch {(after.Operations - before.Operations) / (double)Math.Max(1, batches):F1} " +
            $"({batches / elapsed:F0} commits/s, {(after.Busy - before.Busy).TotalMilliseconds / Math.Max(1, batches):F2} ms each, writer busy {(after.Busy - before.Busy).TotalSeconds / elapsed:P0}); " +
            $"bench process CPU {cpu.TotalMicroseconds / total:F1} us/write; the issuing loop itself ran up to {late * 1e3 / Stopwatch.Frequency:F1} ms late; GC paused {gcPause.TotalMilliseconds:F0} ms in all"));
    }

    private static async Task<string?> WriteAfterAsync(
        Task<string?>? previous, IRuntimeStore store, GrainId grain, byte[] payload, int index, long scheduled, long[] latencies)
    {
        var etag = previous is null ? null : await previous.ConfigureAwait(false);
        var next = await store.GrainStorage.WriteAsync(grain, "state", payload, etag, CancellationToken.None).ConfigureAwait(false);
        latencies[index] = Stopwatch.GetTimestamp() - scheduled;
        return next;
    }
}
