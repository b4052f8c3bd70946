using Microsoft.Data.Sqlite;

using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Storage.Batching;
using Visco.Runtime.Storage.Migrations;

namespace Visco.Runtime.Storage.Sqlite;

/// <summary>
/// The embedded durable store: one SQLite file in WAL mode, one writer connection fed by a group-commit loop (every
/// write of the runtime goes through it, many per transaction), and a few read connections beside it.
/// Durability: <c>synchronous=FULL</c> by default, so each batch is fsynced before any of its writes is acknowledged
/// (see <see cref="SqliteStoreOptions.FullSync"/>); group commit is what pays for that fsync.
/// </summary>
public sealed class SqliteRuntimeStore : IRuntimeStore
{
    private readonly SqliteStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SqliteConnections _connections;
    private readonly SqliteReads _reads;
    private readonly SingleWriterRouter _router;

    /// <summary>Opens the store (nothing touches the file until <see cref="InitializeAsync"/>).</summary>
    public SqliteRuntimeStore(SqliteStoreOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _connections = new SqliteConnections(options);
        _reads = new SqliteReads(_connections, options.ReadConnections);
        var checkpointer = options.CheckpointInBackground ? new SqliteCheckpointer(_connections) : null;
        var executor = new SqliteBatchExecutor(_connections, _timeProvider, checkpointer);
        _router = new SingleWriterRouter(new GroupCommitWriter(SqliteErrors.Provider, executor, options.MaxBatchSize, options.QueueCapacity, dedicatedThread: options.DedicatedWriterThread, linger: options.CommitLinger));
        GrainStorage = new QueuedGrainStorage(_reads, _router);
        Reminders = new QueuedReminderTable(_reads, _router);
        Streams = new QueuedStreamQueueStorage(_reads, _router, _timeProvider);
    }

    /// <inheritdoc />
    public string Name => SqliteErrors.Provider;

    /// <summary>The newest schema version this build creates.</summary>
    public static int LatestSchemaVersion => SqliteMigrator.LatestVersion;

    /// <inheritdoc />
    public IGrainStorage GrainStorage { get; }

    /// <inheritdoc />
    public IReminderTable Reminders { get; }

    /// <inheritdoc />
    public IStreamQueueStorage Streams { get; }

    /// <summary>Transactions and writes committed so far.</summary>
    public GroupCommitStatistics Statistics => _router.ForStreams.Statistics;

    /// <inheritdoc />
    /// <exception cref="SchemaTooNewException">The database was created by a newer build.</exception>
    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var directory = Path.GetDirectoryName(Path.GetFullPath(_options.DatabasePath));
        try
        {
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            using var connection = _connections.Open(writer: true);
            SqliteMigrator.Migrate(connection, _timeProvider);
        }
        catch (SqliteException error)
        {
            throw SqliteErrors.Unavailable(_options.DatabasePath, "initialize", "the schema", error);
        }
        catch (IOException error)
        {
            throw SqliteErrors.Unavailable(_options.DatabasePath, "initialize", "the schema", error);
        }
        catch (UnauthorizedAccessException error)
        {
            throw SqliteErrors.Unavailable(_options.DatabasePath, "initialize", "the schema", error);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Abort()
    {
        _router.ForStreams.Abort();
        _reads.Abort();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _router.ForStreams.DisposeAsync().ConfigureAwait(false);
        _reads.Dispose();
    }
}
