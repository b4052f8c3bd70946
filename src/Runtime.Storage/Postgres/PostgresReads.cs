using Npgsql;

using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Storage.Batching;

namespace Visco.Runtime.Storage.Postgres;

/// <summary>Reads on pooled connections of the data source, beside the writer loops.</summary>
internal sealed class PostgresReads(NpgsqlDataSource dataSource, string server) : IStoreReads
{
    private volatile bool _closed;
    private volatile bool _aborted;

    public void Abort() => _aborted = true;

    public void Close() => _closed = true;

    public Task<StoredGrainState?> ReadStateAsync(GrainId grainId, string stateName, CancellationToken cancellationToken) =>
        QueryAsync(
            "read", StorageErrors.Describe(grainId, stateName),
            "SELECT data, etag FROM grain_state WHERE grain_id = $1 AND state_name = $2",
            [new NpgsqlParameter<string>{ TypedValue = grainId.ToString() }, new NpgsqlParameter<string> { TypedValue = stateName }],
            async (reader, ct) => await reader.ReadAsync(ct).ConfigureAwait(false)
                ? new StoredGrainState(reader.GetFieldValue<byte[]>(0), reader.GetString(1))
                : null,
            cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(CancellationToken cancellationToken) =>
        QueryAsync(
            "read", "all reminders",
            "SELECT grain_id, reminder_name, start_at, period_ticks, etag FROM reminders",
            [],
            ReadRemindersAsync,
            cancellationToken);

    public async Task<ReminderEntry?> ReadReminderAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        (await QueryAsync(
            "read", StorageErrors.Describe(grainId, reminderName),
            "SELECT grain_id, reminder_name, start_at, period_ticks, etag FROM reminders WHERE grain_id = $1 AND reminder_name = $2",
            [new NpgsqlParameter<string> { TypedValue = grainId.ToString() }, new NpgsqlParameter<string> { TypedValue = reminderName }],
            ReadRemindersAsync,
            cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public Task<IReadOnlyList<StoredStreamEvent>> ReadEventsAsync(long afterPosition, int maxCount, CancellationToken cancellationToken) =>
        QueryAsync(
            "read", "stream events",
            "SELECT position, stream_namespace, stream_key, sequence, payload, enqueued_at FROM stream_events " +
            "WHERE position > $1 ORDER BY position LIMIT $2",
            [new NpgsqlParameter<long> { TypedValue = afterPosition }, new NpgsqlParameter<int> { TypedValue = maxCount }],
            ReadEventsAsync,
            cancellationToken);

    public Task<IReadOnlyList<StoredStreamEvent>> ReadStreamEventsAsync(
        StreamId stream, long afterSequence, int maxCount, CancellationToken cancellationToken) =>
        QueryAsync(
            "read", StorageErrors.Describe(stream),
            "SELECT position, stream_namespace, stream_key, sequence, payload, enqueued_at FROM stream_events " +
            "WHERE stream_namespace = $1 AND stream_key = $2 AND sequence > $3 ORDER BY sequence LIMIT $4",
            [
                new NpgsqlParameter<string> { TypedValue = stream.Namespace },
                new NpgsqlParameter<string> { TypedValue = stream.Key },
                new NpgsqlParameter<long> { TypedValue = afterSequence },
                new NpgsqlParameter<int> { TypedValue = maxCount },
            ],
            ReadEventsAsync,
            cancellationToken);

    public Task<IReadOnlyList<StreamCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<StreamCheckpoint>>(
            "read", "stream checkpoints",
            "SELECT subscriber_id, stream_namespace, stream_key, sequence FROM stream_checkpoints",
            [],
            async (reader, ct) =>
            {
                var checkpoints = new List<StreamCheckpoint>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    checkpoints.Add(new StreamCheckpoint(reader.GetString(0), new StreamId(reader.GetString(1), reader.GetString(2)), reader.GetInt64(3)));
                }

                return checkpoints;
            },
            cancellationToken);

    public Task<IReadOnlyList<StreamSubscription>> ReadSubscriptionsAsync(CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<StreamSubscription>>(
            "read", "stream subscriptions",
            "SELECT subscriber_id, stream_namespace, stream_key FROM stream_subscriptions",
            [],
            async (reader, ct) =>
            {
                var subscriptions = new List<StreamSubscription>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    subscriptions.Add(new StreamSubscription(reader.GetString(0), new StreamId(reader.GetString(1), reader.GetString(2))));
                }

                return subscriptions;
            },
            cancellationToken);

    private static async Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var reminders = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            reminders.Add(new ReminderEntry(
                GrainId.Parse(reader.GetString(0)),
                reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                TimeSpan.FromTicks(reader.GetInt64(3)),
                reader.GetString(4)));
        }

        return reminders;
    }

    private async Task<T> QueryAsync<T>(
        string operation,
        string target,
        string sql,
        NpgsqlParameter[] parameters,
        Func<NpgsqlDataReader, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        if (_aborted)
        {
            throw StorageErrors.Aborted(PostgresErrors.Provider, operation, target);
        }

        ObjectDisposedException.ThrowIf(_closed, this);

        try
        {
            var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await using var command = new NpgsqlCommand(sql, connection);
                command.Parameters.AddRange(parameters);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    return await read(reader, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested && PostgresErrors.IsStorageFailure(error))
        {
            dataSource.Clear();
            throw PostgresErrors.Unavailable(server, operation, target, error);
        }
    }

    private static async Task<IReadOnlyList<StoredStreamEvent>> ReadEventsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var events = new List<StoredStreamEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new StoredStreamEvent(
                reader.GetInt64(0),
                new StreamId(reader.GetString(1), reader.GetString(2)),
                reader.GetInt64(3),
                reader.GetFieldValue<byte[]>(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return events;
    }
}
