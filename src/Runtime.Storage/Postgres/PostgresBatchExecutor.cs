using Npgsql;

using NpgsqlTypes;

using Visco.Runtime.Abstractions.State;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Storage.Batching;
using Visco.Runtime.Storage.Operations;

namespace Visco.Runtime.Storage.Postgres;

/// <summary>
/// Runs a batch as one transaction in one round trip: an NpgsqlBatch holding every op's statement, committed
/// implicitly at its end. The loop keeps its connection between batches (statements stay auto-prepared on it); after a failure
/// it drops it and clears the pool, so the next batch starts on a fresh connection once the server is back.
/// </summary>
internal sealed class PostgresBatchExecutor(NpgsqlDataSource dataSource, string server) : IBatchExecutor
{
    private readonly List<object> _plan = [];
    private readonly Dictionary<StreamId, PostgresAppendGroup> _appends = [];
    private NpgsqlConnection? _connection;

    // Every event at or below this position is deleted (committed trims of this store; 0 until the first), so a trim
    // deletes only the range above it. Positions become visible in commit order, so none can appear below it later.
    // The batch being run moves it to _trimmingThrough once its commit is confirmed.
    private long _trimmedThrough;
    private long _trimmingThrough;

    public async ValueTask<bool> ExecuteAsync(IReadOnlyList<WriteOp> batch, CommitGate gate, CancellationToken cancellationToken)
    {
        try
        {
            _trimmingThrough = _trimmedThrough;
            _connection ??= await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            // No error barriers: one Sync at the end makes the batch a single implicit transaction (all or nothing).
            await using var commands = new NpgsqlBatch(_connection) { EnableErrorBarriers = false };
            Plan(batch);
            foreach (var step in _plan)
            {
                if (step is PostgresStateWriteGroup group)
                {
                    commands.BatchCommands.Add(group.ToCommand());
                }
                else if (step is PostgresAppendGroup appends)
                {
                    commands.BatchCommands.Add(appends.ToCommand());
                }
                else
                {
                    AddCommands(commands, (WriteOp)step);
                }
            }

            // A batch without an explicit transaction runs as ONE implicit transaction that commits at the protocol's
            // Sync, so the whole batch is one round trip. Sending it is therefore the start of the commit: the gate
            // is asked first, and from here on nothing is cancelled, because the outcome must be learned, not guessed.
            if (!gate.TryEnterCommit())
            {
                return false;
            }

            var reader = await commands.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                foreach (var step in _plan)
                {
                    if (step is PostgresStateWriteGroup group)
                    {
                        await group.ReadResultsAsync(reader, CancellationToken.None).ConfigureAwait(false);
                        await reader.NextResultAsync(CancellationToken.None).ConfigureAwait(false);
                    }
                    else if (step is PostgresAppendGroup appends)
                    {
                        await appends.ReadResultsAsync(reader, CancellationToken.None).ConfigureAwait(false);
                        await reader.NextResultAsync(CancellationToken.None).ConfigureAwait(false);
                    }
                    else
                    {
                        await ReadResultsAsync(reader, (WriteOp)step, CancellationToken.None).ConfigureAwait(false);
                    }
                }

                // Results can arrive before the commit does; the batch is durable only once the server reports
                // ReadyForQuery after Sync, which is what draining the reader waits for (a failed commit throws here).
                while (await reader.NextResultAsync(CancellationToken.None).ConfigureAwait(false))
                {
                }
            }

            _trimmedThrough = _trimmingThrough;
            return true;
        }
        catch
        {
            await DropConnectionAsync().ConfigureAwait(false);
            throw;
        }
    }

    public StorageUnavailableException Unavailable(WriteOp op, Exception error) =>
        PostgresErrors.Unavailable(server, op.Operation, op.Target, error);

    public ValueTask DisposeAsync() => DropConnectionAsync(clearPool: false);

    /// <summary>
    /// Orders the batch into steps: runs of state writes to distinct records become one group statement; anything
    /// else, or a record seen again, ends the run, so every record sees its ops in the order they were queued.
    /// Appends become one statement per stream at the end of the batch (<see cref="PostgresAppendGroup"/>).
    /// </summary>
    private void Plan(IReadOnlyList<WriteOp> batch)
    {
        _plan.Clear();
        _appends.Clear();
        PostgresStateWriteGroup? group = null;
        foreach (var op in batch)
        {
            if (op is StreamAppendOp append)
            {
                if (!_appends.TryGetValue(append.Stream, out var appends))
                {
                    _appends[append.Stream] = appends = new PostgresAppendGroup(append.Stream);
                }

                appends.Add(append);
                continue;
            }

            if (op is not StateWriteOp write)
            {
                group = null;
                _plan.Add(op);
                continue;
            }

            if (group is null || !group.TryAdd(write))
            {
                group = new PostgresStateWriteGroup();
                group.TryAdd(write);
                _plan.Add(group);
            }
        }

        _plan.AddRange(_appends.Values);
    }

    private void AddCommands(NpgsqlBatch batch, WriteOp op)
    {
        switch (op)
        {
            case StateClearOp clear:
                Add(batch, PostgresSql.ClearState, Text(clear.GrainId), Text(clear.StateName), Text(clear.ExpectedEtag));
                break;
            case ReminderUpsertOp upsert:
                Add(batch, PostgresSql.UpsertReminder, Text(upsert.GrainId), Text(upsert.Entry.ReminderName),
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = upsert.Entry.StartAt },
                    new NpgsqlParameter<long> { TypedValue = upsert.Entry.Period.Ticks }, Text(upsert.Entry.ETag));
                break;
            case ReminderRemoveOp remove:
                Add(batch, PostgresSql.DeleteReminder, Text(remove.GrainId), Text(remove.ReminderName));
                break;
            case CheckpointWriteOp checkpoints:
                foreach (var c in checkpoints.Checkpoints)
                {
                    Add(batch, PostgresSql.UpsertCheckpoint, Text(c.SubscriberId), Text(c.Stream.Namespace), Text(c.Stream.Key),
                        new NpgsqlParameter<long> { TypedValue = c.Sequence });
                }

                break;
            case SubscriptionOp subscription:
                var s = subscription.Subscription;
                Add(batch, subscription.Add ? PostgresSql.AddSubscription : PostgresSql.RemoveSubscription,
                    Text(s.SubscriberId), Text(s.Stream.Namespace), Text(s.Stream.Key));
                break;
            case StreamTrimOp trim:
                Add(batch, PostgresSql.Trim, new NpgsqlParameter<long> { TypedValue = _trimmedThrough },
                    new NpgsqlParameter<long> { TypedValue = trim.UpToPosition });
                _trimmingThrough = Math.Max(_trimmingThrough, trim.UpToPosition);
                break;
            default:
                throw new InvalidOperationException($"PostgreSQL store cannot run {op.GetType().Name}.");
        }
    }

    private static async Task ReadResultsAsync(NpgsqlDataReader reader, WriteOp op, CancellationToken cancellationToken)
    {
        var commands = op is CheckpointWriteOp checkpoints ? checkpoints.Checkpoints.Count : 1;
        for (var i = 0; i < commands; i++)
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            switch (op)
            {
                case StateClearOp clear:
                    var stored = NullableText(reader, 1);
                    if (reader.GetInt32(0) == 0 && (stored is not null || clear.ExpectedEtag is not null))
                    {
                        clear.SetConflict(StorageErrors.Conflict(PostgresErrors.Provider, "clear", clear.GrainId, clear.StateName, stored, clear.ExpectedEtag));
                    }

                    break;
                case ReminderUpsertOp upsert:
                    upsert.Result = upsert.Entry;
                    break;
                case ReminderRemoveOp remove:
                    remove.Result = reader.GetInt32(0) > 0;
                    break;
                default:
                    break;
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Add(NpgsqlBatch batch, string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        batch.BatchCommands.Add(command);
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static string? NullableText(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private async ValueTask DropConnectionAsync(bool clearPool = true)
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }

        if (clearPool)
        {
            // Idle pooled connections may be dead too (server restarted, network cut): start the next batch afresh.
            dataSource.Clear();
        }
    }
}
