using Microsoft.Extensions.Logging;

namespace Visco.Grains.Archive;

/// <summary>The archive's log lines.</summary>
internal static partial class ArchiveLog
{
    [LoggerMessage(5101, LogLevel.Warning, "Lake write of {LakePath} failed (attempt {Attempt} of {Attempts}, disk full: {DiskFull}); retrying in {DelayMs} ms")]
    public static partial void WriteRetry(ILogger logger, Exception exception, string lakePath, int attempt, int attempts, bool diskFull, long delayMs);

    [LoggerMessage(5102, LogLevel.Error, "Lake write of {LakePath} failed {Attempts} times; the batch stays pending and the stream will deliver it again")]
    public static partial void WriteGaveUp(ILogger logger, Exception exception, string lakePath, int attempts);

    [LoggerMessage(5103, LogLevel.Information, "Archive of hospital {HospitalId} found {Rows} measurements after sequence {ArchivedThrough} in the spool of an earlier version; writing them to the lake")]
    public static partial void Recovered(ILogger logger, string hospitalId, int rows, long archivedThrough);

    [LoggerMessage(5104, LogLevel.Debug, "Archived {Rows} measurements of hospital {HospitalId} (sequences {First}..{Last}) in {Files} files")]
    public static partial void Flushed(ILogger logger, int rows, string hospitalId, long first, long last, int files);

    [LoggerMessage(5105, LogLevel.Warning, "Archive timer flush of hospital {HospitalId} failed; it is retried on the next tick")]
    public static partial void TimerFlushFailed(ILogger logger, Exception exception, string hospitalId);

    [LoggerMessage(5106, LogLevel.Warning, "Could not delete the earlier version's spool file {LakePath}; the next activation tries again (its rows are in the lake and are not written twice)")]
    public static partial void SpoolDeleteFailed(ILogger logger, Exception exception, string lakePath);

    [LoggerMessage(5107, LogLevel.Error, "Event of hospital {HospitalId} could not be read back and is not archived")]
    public static partial void UnreadableEvent(ILogger logger, Exception exception, string hospitalId);
}
