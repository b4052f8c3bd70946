using System.Collections.Concurrent;
using System.Data.Common;
using Visco.Grains.Interfaces.Measurements;
using Visco.Grains.Interfaces.Results;

namespace Visco.DomainStore.Sql;

/// <summary>
/// The results store over ADO.NET, shared by SQLite and PostgreSQL (the SQL is the same; providers supply
/// connections and schema preparation). Writes are group-committed: concurrent <see cref="SaveAsync"/> calls (one per
/// hospital projection) queue up, and whichever caller holds the writer commits every queued batch in one
/// transaction, so the commit cost (an fsync) is paid once per group rather than once per event. A provider whose
/// driver only pretends to be asynchronous (Microsoft.Data.Sqlite runs every "async" call synchronously) sets
/// <see cref="BlockingDriver"/>: its writes then run on one dedicated thread, because an fsync inside a grain turn
/// would block a thread-pool thread, and on two cores a few such threads starve every grain of the silo.
/// </summary>
public abstract partial class SqlResultStore : IResultStore, IAsyncDisposable
{
    /// <summary>The head of every provider's insert: the 18 columns in the order their values are given.</summary>
    internal const string InsertInto =
        "INSERT INTO results (hospital_id, device_id, sample_id, taken_at, received_at, processed_at, model_version, input_hash, " +
        "low_shear, high_shear, class, confidence, flags, temperature_c, hematocrit, firmware, shear_rate, shear_stress) ";

    /// <summary>The tail of every provider's insert: a (device, sample) stored already is skipped, which makes writes idempotent.</summary>
    internal const string SkipStored = " ON CONFLICT (device_id, sample_id) DO NOTHING";

    private readonly ConcurrentQueue<PendingWrite> _pending = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _initialized;

    /// <summary>A description of where the store is, for logs (never a password).</summary>
    public abstract string Location { get; }

    /// <summary>Whether the driver blocks in its "async" calls, so writes must run on a dedicated thread.</summary>
    protected virtual bool BlockingDriver => false;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }

        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await MigrateAsync(cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<int> SaveAsync(IReadOnlyList<MeasurementRecorded> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return 0;
        }

        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var pending = new PendingWrite(events);
        if (BlockingDriver)
        {
            EnqueueOnWriterThread(pending);
            return await pending.Completion.Task.ConfigureAwait(false);
        }

        _pending.Enqueue(pending);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!pending.Completion.Task.IsCompleted)
            {
                var group = new List<PendingWrite>();
                while (_pending.TryDequeue(out var next))
                {
                    group.Add(next);
                }

                await WriteGroupAsync(group, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writer.Release();
        }

        return await pending.Completion.Task.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual async ValueTask DisposeAsync()
    {
        StopWriterThread();
        await CloseKeptWriterAsync().ConfigureAwait(false);
        _writer.Dispose();
        _initGate.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates or migrates the schema; throws <see cref="ResultStoreSchemaException"/> for a newer one.</summary>
    protected abstract Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>The connection writes go through (used by one writer at a time); the caller disposes it.</summary>
    protected abstract Task<DbConnection> OpenWriterAsync(CancellationToken cancellationToken);

    /// <summary>Called before the writer thread's kept connection is closed (after a failure, or at disposal).</summary>
    protected virtual void OnWriterClosing(DbConnection connection)
    {
    }

    /// <summary>A connection for one query; the caller disposes it.</summary>
    protected abstract Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken);

    /// <summary>Applies the scripts newer than <paramref name="current"/> on an open transaction, recording each.</summary>
    private protected static async Task ApplyScriptsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<SchemaScript> scripts, int current, string location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        if (current > scripts.Count)
        {
            throw new ResultStoreSchemaException(
                $"The results database at {location} has schema version {current}, newer than this build knows ({scripts.Count}); run a newer build or point it at another database.");
        }

        foreach (var script in scripts.Where(s => s.Version > current))
        {
            await using var apply = connection.CreateCommand();
            apply.Transaction = transaction;
            apply.CommandText = script.Text;
            await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, name) VALUES (@v, @n)";
            Add(record, "@v", script.Version);
            Add(record, "@n", script.Name);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Inserts every batch of a group in the open transaction, skipping rows whose (device, sample) is stored already
    /// or came earlier in the group; returns how many rows of each batch were new.
    /// </summary>
    protected abstract Task<int[]> InsertAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<IReadOnlyList<MeasurementRecorded>> batches, CancellationToken cancellationToken);

    /// <summary>Adds a parameter (null as DBNull).</summary>
    protected static void Add(DbCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private async Task WriteGroupAsync(List<PendingWrite> group, CancellationToken cancellationToken)
    {
        // A blocking driver's writer thread keeps its connection (and the provider its prepared insert) from group to
        // group: opening one per group re-ran its pragmas and re-prepared the insert every commit.
        var keep = BlockingDriver;
        DbConnection? connection = null;
        try
        {
            connection = keep ? _keptWriter ??= await OpenWriterAsync(cancellationToken).ConfigureAwait(false)
                : await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var batches = new IReadOnlyList<MeasurementRecorded>[group.Count];
                for (var i = 0; i < batches.Length; i++)
                {
                    batches[i] = group[i].Events;
                }

                var counts = await InsertAsync(connection, transaction, batches, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < group.Count; i++)
                {
                    group[i].Completion.TrySetResult(counts[i]);
                }
            }
        }
        catch (Exception exception)
        {
            if (keep)
            {
                // A connection that failed mid-group is not trusted with the next one.
                await CloseKeptWriterAsync().ConfigureAwait(false);
            }

            foreach (var pending in group)
            {
                pending.Completion.TrySetException(exception);
            }
        }
        finally
        {
            if (!keep && connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class PendingWrite(IReadOnlyList<MeasurementRecorded> events)
    {
        public IReadOnlyList<MeasurementRecorded> Events { get; } = events;

        public TaskCompletionSource<int> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
