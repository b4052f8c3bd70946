using Microsoft.Data.Sqlite;

using Visco.Runtime.Abstractions.State;
using Visco.Runtime.Storage.Batching;
using Visco.Runtime.Storage.Operations;

namespace Visco.Runtime.Storage.Sqlite;

/// <summary>
/// Runs a batch on the single writer connection: <c>BEGIN IMMEDIATE</c>, every op through a prepared statement,
/// <c>COMMIT</c> (one fsync for the batch). An ETag conflict is a conditional statement touching no row, so it fails
/// only its op; any exception fails the batch, drops the connection and the next batch opens a fresh one, which is how
/// the store recovers once the database is usable again.
/// </summary>
internal sealed class SqliteBatchExecutor(SqliteConnections connections, TimeProvider timeProvider, SqliteCheckpointer? checkpointer)
    : IBatchExecutor
{
    private readonly SqliteStreamAppends _appends = new();
    private SqliteConnection? _connection;
    private int _commitsSinceCheckpoint;
    private SqliteWriteStatements? _statements;

    public ValueTask<bool> ExecuteAsync(IReadOnlyList<WriteOp> batch, CommitGate gate, CancellationToken cancellationToken)
    {
        var statements = EnsureOpen();
        var now = timeProvider.GetUtcNow().UtcTicks;
        statements.Begin.Execute();
        try
        {
            foreach (var op in batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (op is StreamAppendOp append)
                {
                    _appends.Add(append);
                }
                else
                {
                    Run(statements, op, now);
                }
            }

            _appends.Write(statements, now);

            if (!gate.TryEnterCommit())
            {
                Rollback();
                return ValueTask.FromResult(false);
            }

            statements.Commit.Execute();
            if (checkpointer is not null && ++_commitsSinceCheckpoint >= SqliteCheckpointer.CommitsPerCheckpoint)
            {
                _commitsSinceCheckpoint = 0;
                checkpointer.Request();
            }

            return ValueTask.FromResult(true);
        }
        catch
        {
            _appends.Clear();
            Rollback();
            Close();
            throw;
        }
    }

    public StorageUnavailableException Unavailable(WriteOp op, Exception error) =>
        SqliteErrors.Unavailable(connections.DatabasePath, op.Operation, op.Target, error);

    public async ValueTask DisposeAsync()
    {
        Close();
        if (checkpointer is not null)
        {
            await checkpointer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void Run(SqliteWriteStatements s, WriteOp op, long now)
    {
        switch (op)
        {
            case StateWriteOp write:
                var written = write.ExpectedEtag is null
                    ? s.InsertState.Set(0, write.GrainId).Set(1, write.StateName).Set(2, write.Data).Set(3, write.NewEtag).Set(4, now).Execute()
                    : s.UpdateState.Set(0, write.GrainId).Set(1, write.StateName).Set(2, write.Data).Set(3, write.NewEtag).Set(4, now)
                        .Set(5, write.ExpectedEtag).Execute();
                if (written == 1)
                {
                    write.Result = write.NewEtag;
                }
                else
                {
                    write.SetConflict(StorageErrors.Conflict(
                        SqliteErrors.Provider, "write", write.GrainId, write.StateName, StoredEtag(s, write.GrainId, write.StateName), write.ExpectedEtag));
                }

                break;
            case StateClearOp clear:
                var cleared = clear.ExpectedEtag is not null
                    && s.DeleteState.Set(0, clear.GrainId).Set(1, clear.StateName).Set(2, clear.ExpectedEtag).Execute() == 1;
                if (!cleared)
                {
                    var stored = StoredEtag(s, clear.GrainId, clear.StateName);
                    if (stored is not null || clear.ExpectedEtag is not null)
                    {
                        clear.SetConflict(StorageErrors.Conflict(
                            SqliteErrors.Provider, "clear", clear.GrainId, clear.StateName, stored, clear.ExpectedEtag));
                    }
                }

                break;
            case ReminderUpsertOp upsert:
                s.UpsertReminder.Set(0, upsert.GrainId).Set(1, upsert.Entry.ReminderName).Set(2, upsert.Entry.StartAt.UtcTicks)
                    .Set(3, upsert.Entry.Period.Ticks).Set(4, upsert.Entry.ETag).Execute();
                upsert.Result = upsert.Entry;
                break;
            case ReminderRemoveOp remove:
                remove.Result = s.DeleteReminder.Set(0, remove.GrainId).Set(1, remove.ReminderName).Execute() > 0;
                break;
            case CheckpointWriteOp checkpoints:
                foreach (var c in checkpoints.Checkpoints)
                {
                    s.UpsertCheckpoint.Set(0, c.SubscriberId).Set(1, c.Stream.Namespace).Set(2, c.Stream.Key).Set(3, c.Sequence).Execute();
                }

                break;
            case SubscriptionOp subscription:
                var (subscriber, stream) = (subscription.Subscription.SubscriberId, subscription.Subscription.Stream);
                if (subscription.Add)
                {
                    s.InsertSubscription.Set(0, subscriber).Set(1, stream.Namespace).Set(2, stream.Key).Execute();
                }
                else
                {
                    s.DeleteSubscription.Set(0, subscriber).Set(1, stream.Namespace).Set(2, stream.Key).Execute();
                    s.DeleteCheckpoint.Set(0, subscriber).Set(1, stream.Namespace).Set(2, stream.Key).Execute();
                }

                break;
            case StreamTrimOp trim:
                s.Trim.Set(0, trim.UpToPosition).Execute();
                break;
            default:
                throw new InvalidOperationException($"SQLite store cannot run {op.GetType().Name}.");
        }
    }

    private static string? StoredEtag(SqliteWriteStatements s, string grainId, string stateName) =>
        (string?)s.SelectEtag.Set(0, grainId).Set(1, stateName).Scalar();

    private SqliteWriteStatements EnsureOpen()
    {
        if (_statements is not null)
        {
            return _statements;
        }

        _connection = connections.Open(writer: true);
        try
        {
            _statements = new SqliteWriteStatements(_connection);
        }
        catch
        {
            Close();
            throw;
        }

        return _statements;
    }

    private void Rollback()
    {
        if (_connection is null)
        {
            return;
        }

        try
        {
            using var rollback = _connection.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // No transaction left to roll back (SQLite already rolled it back on the error): nothing to undo.
        }
    }

    private void Close()
    {
        _statements?.Dispose();
        _statements = null;
        _connection?.Dispose();
        _connection = null;
    }
}
