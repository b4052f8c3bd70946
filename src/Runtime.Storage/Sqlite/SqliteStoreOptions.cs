namespace Visco.Runtime.Storage.Sqlite;

/// <summary>Settings of <see cref="SqliteRuntimeStore"/>.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The database file; created with its directory's permissions if missing. Required.</summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>
    /// How long a write waits for a lock held by another process before failing with StorageUnavailableException.
    /// Microsoft.Data.Sqlite retries in whole seconds, so the wait is at least one second.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most writes committed in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 1024;

    /// <summary>Writes that may wait for the writer loop before callers are slowed down.</summary>
    public int QueueCapacity { get; set; } = 16_384;

    /// <summary>
    /// Runs the single writer on a thread of its own, woken directly by writers, instead of as an async loop on the
    /// thread pool (where its wake-ups queue behind other work). On by default; off only to compare.
    /// </summary>
    public bool DedicatedWriterThread { get; set; } = true;

    /// <summary>
    /// How long the dedicated writer, woken with fewer than 32 writes queued, waits for more before committing
    /// (default 1 ms; zero commits at once). Each commit is an fsync and a few WAL pages however few writes it holds:
    /// at 2,000 measurements/s committing as they came cost the silo ~520 µs of CPU per measurement, lingering 1 ms
    /// ~400 µs, for ~0.7 ms more until a write is acknowledged. Under heavy load the queue is never short and no
    /// commit waits.
    /// </summary>
    public TimeSpan CommitLinger { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Separate read connections (WAL readers run beside the writer).</summary>
    public int ReadConnections { get; set; } = 4;

    /// <summary>
    /// <c>synchronous=FULL</c> (default): every commit is fsynced before it is acknowledged, so an acknowledged write
    /// survives a power loss. False selects <c>NORMAL</c>, which in WAL mode survives a process crash but may lose the
    /// last commits on power loss or an OS crash; use it only where that is acceptable.
    /// </summary>
    public bool FullSync { get; set; } = true;

    /// <summary>
    /// Copy the WAL back into the database on a background connection (default) instead of inside the commit that
    /// crosses SQLite's auto-checkpoint threshold, which would stall every write of that batch.
    /// </summary>
    public bool CheckpointInBackground { get; set; } = true;

    /// <summary>
    /// SQLite's page cache per connection, in KiB (default 32 MiB; SQLite's own default is 2 MiB). With the default,
    /// the writer re-reads the stream and state indexes' pages from the OS on every batch (pread copies were ~5 % of
    /// the silo's CPU under load); the hot pages of a busy silo fit in 32 MiB.
    /// </summary>
    public int CacheSizeKiB { get; set; } = 32 * 1024;

    /// <summary>Throws with a message saying how to fix the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            throw new ArgumentException("SqliteStoreOptions.DatabasePath is empty: set it to a file path, e.g. data/visco.db.");
        }

        if (BusyTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"SqliteStoreOptions.BusyTimeout is {BusyTimeout}: set a positive time, e.g. 00:00:05.");
        }

        if (CommitLinger < TimeSpan.Zero || CommitLinger > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"SqliteStoreOptions.CommitLinger is {CommitLinger}: set 0 to 1 second, e.g. 00:00:00.001.");
        }

        if (CacheSizeKiB < 64)
        {
            throw new ArgumentException($"SqliteStoreOptions.CacheSizeKiB is {CacheSizeKiB}: set at least 64 (KiB), e.g. 32768.");
        }

        if (MaxBatchSize < 1 || QueueCapacity < 1 || ReadConnections < 1)
        {
            throw new ArgumentException(
                $"SqliteStoreOptions: MaxBatchSize ({MaxBatchSize}), QueueCapacity ({QueueCapacity}) and ReadConnections " +
                $"({ReadConnections}) must each be at least 1.");
        }
    }
}
