using Npgsql;

using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Storage.Batching;
using Visco.Runtime.Storage.Migrations;

namespace Visco.Runtime.Storage.Postgres;

/// <summary>
/// The production store on PostgreSQL through Npgsql's pooled data source. Grain state and reminders go through
/// several group-commit writer loops (a grain always hashes to the same loop, so its writes stay in order). Stream
/// writes go through exactly ONE loop: an identity column hands out positions at insert time, not at commit, so two
/// appenders committing out of order would let a reader that follows positions see 12 before 11 commits and never
/// look back, losing 11. With one appender transaction at a time, positions become visible in commit order.
/// </summary>
public sealed class PostgresRuntimeStore : IRuntimeStore, IWriteRouter
{
    private readonly PostgresStoreOptions _options;
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresReads _reads;
    private readonly GroupCommitWriter[] _stateWriters;
    private readonly GroupCommitWriter _streamWriter;

    /// <summary>Opens the store (no connection is made until <see cref="InitializeAsync"/> or the first call).</summary>
    public PostgresRuntimeStore(PostgresStoreOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString) { SearchPath = options.Schema };
        if (builder.MaxAutoPrepare == 0)
        {
            // The writer's few statements run thousands of times a second: let Npgsql prepare them on each connection.
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }

        Server = $"{builder.Host}:{builder.Port}/{builder.Database} (schema {options.Schema})";
        _dataSource = NpgsqlDataSource.Create(builder);
        _reads = new PostgresReads(_dataSource, Server);
        _stateWriters = new GroupCommitWriter[options.StateWriters];
        for (var i = 0; i < _stateWriters.Length; i++)
        {
            _stateWriters[i] = NewWriter();
        }

        _streamWriter = NewWriter();
        GrainStorage = new QueuedGrainStorage(_reads, this);
        Reminders = new QueuedReminderTable(_reads, this);
        Streams = new QueuedStreamQueueStorage(_reads, this, timeProvider ?? TimeProvider.System);
    }

    /// <inheritdoc />
    public string Name => PostgresErrors.Provider;

    /// <summary>The newest schema version this build creates.</summary>
    public static int LatestSchemaVersion => PostgresMigrator.LatestVersion;

    /// <summary>Where the store points, for messages: host:port/database (schema).</summary>
    public string Server { get; }

    /// <inheritdoc />
    public IGrainStorage GrainStorage { get; }

    /// <inheritdoc />
    public IReminderTable Reminders { get; }

    /// <inheritdoc />
    public IStreamQueueStorage Streams { get; }

    /// <summary>Transactions and writes committed so far, over all writer loops.</summary>
    public GroupCommitStatistics Statistics => _stateWriters.Aggregate(_streamWriter.Statistics, (sum, w) => sum + w.Statistics);

    GroupCommitWriter IWriteRouter.ForStreams => _streamWriter;

    /// <inheritdoc />
    /// <exception cref="SchemaTooNewException">The schema was created by a newer build.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PostgresMigrator.MigrateAsync(_dataSource, _options.Schema, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested && error is not SchemaTooNewException && PostgresErrors.IsStorageFailure(error))
        {
            throw PostgresErrors.Unavailable(Server, "initialize", "the schema", error);
        }
    }

    /// <inheritdoc />
    public void Abort()
    {
        _reads.Abort();
        _streamWriter.Abort();
        foreach (var writer in _stateWriters)
        {
            writer.Abort();
        }

        // Idle connections close now; the writers' connections close as their loops stop and hand them back.
        _dataSource.Clear();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var writer in _stateWriters)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }

        await _streamWriter.DisposeAsync().ConfigureAwait(false);
        _reads.Close();
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    GroupCommitWriter IWriteRouter.ForGrain(string grainId) =>
        _stateWriters[(int)((uint)StringComparer.Ordinal.GetHashCode(grainId) % (uint)_stateWriters.Length)];

    private GroupCommitWriter NewWriter() =>
        new(PostgresErrors.Provider, new PostgresBatchExecutor(_dataSource, Server), _options.MaxBatchSize, _options.QueueCapacity);
}
