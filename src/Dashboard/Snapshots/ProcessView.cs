namespace Visco.Dashboard.Snapshots;

/// <summary>The process, from the "System.Runtime" meter; null where the runtime did not report it.</summary>
/// <param name="CpuPercent">CPU used over the last interval, as a share of every core.</param>
/// <param name="WorkingSetBytes">Physical memory in use.</param>
/// <param name="GcHeapBytes">GC heap size after the last collection.</param>
/// <param name="AllocatedBytesPerSecond">Allocation rate.</param>
/// <param name="GcPausePercent">Share of wall time spent paused in GC over the last interval.</param>
/// <param name="Gen0Collections">Gen 0 collections since start.</param>
/// <param name="Gen1Collections">Gen 1 collections since start.</param>
/// <param name="Gen2Collections">Gen 2 collections since start.</param>
/// <param name="ThreadPoolThreads">Thread pool threads.</param>
/// <param name="ThreadPoolQueueLength">Work items waiting for the thread pool.</param>
/// <param name="ExceptionsPerSecond">Exceptions thrown per second.</param>
/// <param name="ProcessorCount">Cores the process may use.</param>
internal sealed record ProcessView(
    double? CpuPercent,
    double? WorkingSetBytes,
    double? GcHeapBytes,
    double? AllocatedBytesPerSecond,
    double? GcPausePercent,
    double? Gen0Collections,
    double? Gen1Collections,
    double? Gen2Collections,
    double? ThreadPoolThreads,
    double? ThreadPoolQueueLength,
    double? ExceptionsPerSecond,
    int ProcessorCount);
