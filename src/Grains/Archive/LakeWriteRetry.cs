using Microsoft.Extensions.Logging;
using Visco.Lake.Storage;

namespace Visco.Grains.Archive;

/// <summary>
/// Runs a lake write with bounded retries and exponential backoff. A full disk or an unreachable bucket is usually
/// temporary; each failure is logged naming the file, and after the last attempt the failure propagates so the
/// caller's batch stays pending: nothing is skipped, and a retried write of the same path replaces, never duplicates.
/// </summary>
public sealed class LakeWriteRetry(ArchiveOptions options, TimeProvider time, ILogger<LakeWriteRetry> logger)
{
    /// <summary>Runs <paramref name="write"/> for <paramref name="lakePath"/> until it succeeds or the attempts run out.</summary>
    public async Task RunAsync(string lakePath, Func<CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var delay = options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write(cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
            {
                var diskFull = exception is LakeStorageException { IsDiskFull: true };
                if (attempt >= options.WriteAttempts)
                {
                    ArchiveLog.WriteGaveUp(logger, exception, lakePath, attempt);
                    throw;
                }

                ArchiveMetrics.RecordRetry();
                ArchiveLog.WriteRetry(logger, exception, lakePath, attempt, options.WriteAttempts, diskFull, (long)delay.TotalMilliseconds);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, cancellationToken);
                }

                delay = TimeSpan.FromTicks(Math.Min(Math.Max(delay.Ticks * 2, 1), options.MaxRetryDelay.Ticks));
            }
        }
    }
}
