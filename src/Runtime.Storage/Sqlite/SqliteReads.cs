using System.Collections.Concurrent;

using Microsoft.Data.Sqlite;

using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Storage.Batching;

namespace Visco.Runtime.Storage.Sqlite;

/// <summary>
/// Reads on a small pool of read connections beside the writer. In WAL mode a reader sees the last committed
/// transaction and never waits for the writer, so reads need not queue behind group commits.
/// </summary>
internal sealed class SqliteReads(SqliteConnections connections, int size) : IStoreReads, IDisposable
{
    private readonly ConcurrentBag<SqliteReadSession> _idle = [];
    private readonly SemaphoreSlim _slots = new(size, size);
    private volatile bool _closed;
    private volatile bool _aborted;

    public Task<StoredGrainState?> ReadStateAsync(GrainId grainId, string stateName, CancellationToken cancellationToken) =>
        RunAsync("read", StorageErrors.Describe(grainId, stateName), cancellationToken, session =>
        {
            using var reader = session.State.Set(0, grainId.ToString()).Set(1, stateName).Reader();
            return reader.Read() ? new StoredGrainState((byte[])reader.GetValue(0), reader.GetString(1)) : null;
        });

    public Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(CancellationToken cancellationToken) =>
        RunAsync("read", "all reminders", cancellationToken, session => ReadReminders(session.Reminders));

    public Task<ReminderEntry?> ReadReminderAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        RunAsync("read", StorageErrors.Describe(grainId, reminderName), cancellationToken, session =>
            ReadReminders(session.Reminder.Set(0, grainId.ToString()).Set(1, reminderName)).FirstOrDefault());

    public Task<IReadOnlyList<StoredStreamEvent>> ReadEventsAsync(long afterPosition, int maxCount, CancellationToken cancellationToken) =>
        RunAsync("read", "stream events", cancellationToken, session =>
            ReadEvents(session.Events.Set(0, afterPosition).Set(1, maxCount)));

    public Task<IReadOnlyList<StoredStreamEvent>> ReadStreamEventsAsync(
        StreamId stream, long afterSequence, int maxCount, CancellationToken cancellationToken) =>
        RunAsync("read", StorageErrors.Describe(stream), cancellationToken, session =>
            ReadEvents(session.StreamEvents.Set(0, stream.Namespace).Set(1, stream.Key).Set(2, afterSequence).Set(3, maxCount)));

    public Task<IReadOnlyList<StreamCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken) =>
        RunAsync("read", "stream checkpoints", cancellationToken, session =>
        {
            var checkpoints = new List<StreamCheckpoint>();
            using var reader = session.Checkpoints.Reader();
            while (reader.Read())
            {
                checkpoints.Add(new StreamCheckpoint(reader.GetString(0), new StreamId(reader.GetString(1), reader.GetString(2)), reader.GetInt64(3)));
            }

            return (IReadOnlyList<StreamCheckpoint>)checkpoints;
        });

    public Task<IReadOnlyList<StreamSubscription>> ReadSubscriptionsAsync(CancellationToken cancellationToken) =>
        RunAsync("read", "stream subscriptions", cancellationToken, session =>
        {
            var subscriptions = new List<StreamSubscription>();
            using var reader = session.Subscriptions.Reader();
            while (reader.Read())
            {
                subscriptions.Add(new StreamSubscription(reader.GetString(0), new StreamId(reader.GetString(1), reader.GetString(2))));
            }

            return (IReadOnlyList<StreamSubscription>)subscriptions;
        });

    /// <summary>As <see cref="Dispose"/>, but later reads fail as reads of a crashed store.</summary>
    public void Abort()
    {
        _aborted = true;
        Dispose();
    }

    /// <summary>Closes idle connections now; busy ones are closed when their read returns them.</summary>
    public void Dispose()
    {
        _closed = true;
        DisposeIdle();
    }

    private void DisposeIdle()
    {
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }
    }

    private static IReadOnlyList<ReminderEntry> ReadReminders(SqliteStatement statement)
    {
        var reminders = new List<ReminderEntry>();
        using var reader = statement.Reader();
        while (reader.Read())
        {
            reminders.Add(new ReminderEntry(
                GrainId.Parse(reader.GetString(0)),
                reader.GetString(1),
                new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero),
                TimeSpan.FromTicks(reader.GetInt64(3)),
                reader.GetString(4)));
        }

        return reminders;
    }

    private async Task<T> RunAsync<T>(string operation, string target, CancellationToken cancellationToken, Func<SqliteReadSession, T> read)
    {
        if (_aborted)
        {
            throw StorageErrors.Aborted(SqliteErrors.Provider, operation, target);
        }

        ObjectDisposedException.ThrowIf(_closed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        SqliteReadSession? session = null;
        try
        {
            session = _idle.TryTake(out var idle) ? idle : new SqliteReadSession(connections.Open(writer: false));
            var result = read(session);
            _idle.Add(session);
            if (_closed)
            {
                // Closed while this read ran: its Dispose may have drained the pool before the session came back.
                DisposeIdle();
            }

            return result;
        }
        catch (SqliteException error)
        {
            // A failed connection is not returned to the pool; the next read opens a fresh one.
            session?.Dispose();
            throw SqliteErrors.Unavailable(connections.DatabasePath, operation, target, error);
        }
        catch
        {
            session?.Dispose();
            throw;
        }
        finally
        {
            _slots.Release();
        }
    }

    private static IReadOnlyList<StoredStreamEvent> ReadEvents(SqliteStatement statement)
    {
        var events = new List<StoredStreamEvent>();
        using var reader = statement.Reader();
        while (reader.Read())
        {
            events.Add(new StoredStreamEvent(
                reader.GetInt64(0),
                new StreamId(reader.GetString(1), reader.GetString(2)),
                reader.GetInt64(3),
                (byte[])reader.GetValue(4),
                new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero)));
        }

        return events;
    }
}
