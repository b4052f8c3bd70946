using Visco.Dashboard.Sampling;

namespace Visco.Dashboard.Snapshots;

/// <summary>The process figures, from the .NET runtime's "System.Runtime" meter (names as of .NET 9).</summary>
internal static class ProcessStatistics
{
    /// <summary>Reads what the runtime reported this tick.</summary>
    public static ProcessView Read(ILookup<string, SeriesSample> samples)
    {
        var cores = Environment.ProcessorCount;
        return new ProcessView(
            CpuPercent: Rate(samples, "dotnet.process.cpu.time") * 100 / cores,
            WorkingSetBytes: Value(samples, "dotnet.process.memory.working_set"),
            GcHeapBytes: Value(samples, "dotnet.gc.last_collection.heap.size"),
            AllocatedBytesPerSecond: Rate(samples, "dotnet.gc.heap.total_allocated"),
            GcPausePercent: Rate(samples, "dotnet.gc.pause.time") * 100,
            Gen0Collections: Generation(samples, "gen0"),
            Gen1Collections: Generation(samples, "gen1"),
            Gen2Collections: Generation(samples, "gen2"),
            ThreadPoolThreads: Value(samples, "dotnet.thread_pool.thread.count"),
            ThreadPoolQueueLength: Value(samples, "dotnet.thread_pool.queue.length"),
            ExceptionsPerSecond: Rate(samples, "dotnet.exceptions"),
            ProcessorCount: cores);
    }

    private static double? Rate(ILookup<string, SeriesSample> samples, string name)
    {
        var rates = samples[name].Where(s => s.Rate is not null).ToList();
        return rates.Count == 0 ? null : rates.Sum(s => s.Rate!.Value);
    }

    private static double? Value(ILookup<string, SeriesSample> samples, string name)
    {
        var series = samples[name].ToList();
        return series.Count == 0 ? null : series.Sum(s => s.Value);
    }

    private static double? Generation(ILookup<string, SeriesSample> samples, string generation)
    {
        var series = samples["dotnet.gc.collections"].Where(s => s.Tag("gc.heap.generation") == generation).ToList();
        return series.Count == 0 ? null : series.Sum(s => s.Value);
    }
}
