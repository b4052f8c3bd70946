using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Storage.Migrations;

namespace Visco.Runtime.Storage.Memory;

/// <summary>
/// The in-process store for tests and throw-away silos: the same semantics as the durable providers (ETags, per-stream
/// sequences, commit-ordered positions, checkpoints that never move backwards) with every operation committed at once
/// under one lock. Nothing is queued, so <see cref="Abort"/> has nothing pending to fail; it only refuses what follows.
/// </summary>
public sealed class MemoryRuntimeStore : IRuntimeStore
{
    /// <summary>Opens a store on a fresh, empty database.</summary>
    public MemoryRuntimeStore()
        : this(new MemoryDatabase(), TimeProvider.System)
    {
    }

    /// <summary>Opens a store on <paramref name="database"/>, stamping stream events with <paramref name="timeProvider"/>.</summary>
    public MemoryRuntimeStore(MemoryDatabase database, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Database = database;
        var status = new MemoryStoreStatus();
        Status = status;
        GrainStorage = new MemoryGrainStorage(database, status);
        Reminders = new MemoryReminderTable(database, status);
        Streams = new MemoryStreamQueueStorage(database, status, timeProvider);
    }

    /// <summary>The data this store reads and writes; open another store on it to simulate a restart.</summary>
    public MemoryDatabase Database { get; }

    /// <inheritdoc />
    public string Name => MemoryStoreStatus.ProviderName;

    /// <inheritdoc />
    public IGrainStorage GrainStorage { get; }

    /// <inheritdoc />
    public IReminderTable Reminders { get; }

    /// <inheritdoc />
    public IStreamQueueStorage Streams { get; }

    private MemoryStoreStatus Status { get; }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        Status.Run("initialize", "the schema", cancellationToken, () =>
        {
            lock (Database.Gate)
            {
                if (Database.SchemaVersion > MemoryStoreStatus.LatestSchemaVersion)
                {
                    throw new SchemaTooNewException(Name, Database.SchemaVersion, MemoryStoreStatus.LatestSchemaVersion);
                }

                Database.SchemaVersion = MemoryStoreStatus.LatestSchemaVersion;
                return true;
            }
        });

    /// <inheritdoc />
    public void Abort() => Status.Abort();

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Status.Dispose();
        return ValueTask.CompletedTask;
    }
}
