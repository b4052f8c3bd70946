using System.Diagnostics;
using Visco.Runtime.Hosting;

namespace Visco.Runtime.Bench;

/// <summary>The runtime's benchmark scenarios; each prints its figures.</summary>
internal static class Scenarios
{
    /// <summary>Warm grain calls: throughput with many callers, and latency.</summary>
    public static async Task CallsAsync(SiloHost silo, TimeSpan duration)
    {
        const int Grains = 1_000;
        const int Callers = 64;
        for (var i = 0; i < Grains; i++)
        {
            await silo.GrainFactory.GetGrain<IEchoGrain>(i).Echo(i);
        }

        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var samples = new List<long>[Callers];
        var counts = new long[Callers];
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
        {
            var mine = samples[c] = new List<long>(1 << 20);
            var grain = silo.GrainFactory.GetGrain<IEchoGrain>(c % Grains);
            var n = 0L;
            while (Stopwatch.GetTimestamp() < stop)
            {
                var t0 = Stopwatch.GetTimestamp();
                await grain.Echo(1);
                if ((n++ & 15) == 0)
                {
                    mine.Add(Stopwatch.GetTimestamp() - t0);
                }
            }

            counts[c] = n;
        })));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var total = counts.Sum();
        Report.Latency($"calls: {Callers} callers on {Grains} warm grains", total, elapsed, samples.SelectMany(s => s));

        // One caller, one grain, sequential: the latency floor of a call.
        var single = new List<long>();
        var echo = silo.GrainFactory.GetGrain<IEchoGrain>(0);
        var singleStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < 200_000; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            await echo.Echo(i);
            single.Add(Stopwatch.GetTimestamp() - t0);
        }

        Report.Latency("calls: 1 sequential caller", single.Count, Stopwatch.GetElapsedTime(singleStart).TotalSeconds, single);
    }

    /// <summary>Activation cost and memory per idle activation.</summary>
    public static async Task ActivationsAsync(SiloHost silo, int count)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var started = Stopwatch.GetTimestamp();
        const int Batch = 10_000;
        for (var offset = 0; offset < count; offset += Batch)
        {
            await Task.WhenAll(Enumerable.Range(offset, Math.Min(Batch, count - offset))
                .Select(i => silo.GrainFactory.GetGrain<IEchoGrain>(1_000_000_000L + i).Echo(i)));
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"activations: {count:N0} created in {elapsed:F2} s = {count / elapsed:N0}/s ({elapsed / count * 1e6:F2} µs each)");
        Console.WriteLine($"activations: managed heap +{(after - before) / 1048576.0:F1} MB = {(after - before) / (double)count:F0} bytes per idle activation (grain object included: {IntPtr.Size * 2 + 8} bytes for EchoGrain)");
        Console.WriteLine($"activations: alive {silo.ActivationCount:N0}; process working set {Environment.WorkingSet / 1048576.0:F0} MB");
    }

    /// <summary>Durable state writes with 1,000 concurrent grains.</summary>
    /// <returns>Writes per second.</returns>
    public static async Task<double> StateWritesAsync(SiloHost silo, TimeSpan duration)
    {
        const int Writers = 1_000;
        for (var i = 0; i < Writers; i++)
        {
            await silo.GrainFactory.GetGrain<IWriterGrain>(i).Write(0);
        }

        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var samples = new List<long>[Writers];
        var counts = new long[Writers];
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var mine = samples[w] = [];
            var grain = silo.GrainFactory.GetGrain<IWriterGrain>(w);
            var n = 0;
            while (Stopwatch.GetTimestamp() < stop)
            {
                var t0 = Stopwatch.GetTimestamp();
                await grain.Write(n++);
                mine.Add(Stopwatch.GetTimestamp() - t0);
            }

            counts[w] = n;
        })));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Report.Latency($"state: {Writers} grains writing durably ({silo.Store.Name})", counts.Sum(), elapsed, samples.SelectMany(s => s));
        return counts.Sum() / elapsed;
    }

    /// <summary>Durable stream publish to delivery.</summary>
    /// <param name="silo">The silo.</param>
    /// <param name="events">Events in all.</param>
    /// <param name="batch">Events per append.</param>
    /// <param name="batchObserver">Batch observers instead of one-event observers.</param>
    /// <param name="stuckSubscriber">A second subscriber on every stream holds its first delivery until the others got
    /// everything: what a stuck consumer costs the others.</param>
    public static async Task StreamsAsync(SiloHost silo, int events, int batch, bool batchObserver, bool stuckSubscriber = false)
    {
        var streamNamespace = stuckSubscriber ? "ticks-stuck" : batchObserver ? "ticks-batch" : "ticks";
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var writerBefore = WriterStatistics(silo);
        const int Producers = 200;
        var perProducer = events / Producers;
        var total = (long)perProducer * Producers;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Producers).Select(p => silo.GrainFactory.GetGrain<IProducerGrain>(p).Produce(perProducer, batch, streamNamespace)));
        var published = Stopwatch.GetElapsedTime(started).TotalSeconds;
        while (Interlocked.Read(ref TickConsumerGrain.Received) < total)
        {
            await Task.Delay(10);
        }

        var delivered = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuPerEvent = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / total;
        var writerAfter = WriterStatistics(silo);
        if (writerBefore is not null && writerAfter is not null)
        {
            var batches = writerAfter.Batches - writerBefore.Batches;
            Console.WriteLine(
                $"streams: store writer {batches:N0} commits, {(writerAfter.Operations - writerBefore.Operations) / (double)Math.Max(1, batches):F1} writes each, " +
                $"busy {(writerAfter.Busy - writerBefore.Busy).TotalSeconds / delivered:P0} of the time ({(writerAfter.Busy - writerBefore.Busy).TotalMicroseconds / total:F2} µs per event)");
        }

        Console.WriteLine($"streams: {total:N0} events from {Producers} producers, {batch} per append, {(batchObserver ? "batch" : "one-event")} observers{(stuckSubscriber ? " + a stuck subscriber on every stream" : string.Empty)}, on {silo.Store.Name}: published (durable) in {published:F2} s = {total / published:N0}/s; all delivered in {delivered:F2} s = {total / delivered:N0}/s; process CPU {cpuPerEvent:F2} µs/event = {1e6 / cpuPerEvent:N0} events/s per fully used core");
        if (stuckSubscriber)
        {
            var released = Stopwatch.GetTimestamp();
            StuckTickConsumerGrain.Gate.TrySetResult();
            while (Interlocked.Read(ref StuckTickConsumerGrain.Received) < total)
            {
                await Task.Delay(10);
            }

            var caughtUp = Stopwatch.GetElapsedTime(released).TotalSeconds;
            Console.WriteLine($"streams: the stuck subscribers, released, caught up with {total:N0} events in {caughtUp:F2} s = {total / caughtUp:N0}/s");
        }
    }

    private static Storage.Batching.GroupCommitStatistics? WriterStatistics(SiloHost silo) => silo.Store switch
    {
        Storage.Sqlite.SqliteRuntimeStore sqlite => sqlite.Statistics,
        Storage.Postgres.PostgresRuntimeStore postgres => postgres.Statistics,
        _ => null,
    };
}
