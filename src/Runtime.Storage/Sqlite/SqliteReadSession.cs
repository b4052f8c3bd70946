using Microsoft.Data.Sqlite;

namespace Visco.Runtime.Storage.Sqlite;

/// <summary>One read connection with its prepared queries; used by one reader at a time (see <see cref="SqliteReads"/>).</summary>
internal sealed class SqliteReadSession : IDisposable
{
    private readonly SqliteConnection _connection;

    public SqliteReadSession(SqliteConnection connection)
    {
        _connection = connection;
        State = new SqliteStatement(
            connection, "SELECT data, etag FROM grain_state WHERE grain_id = $g AND state_name = $s", "$g", "$s");
        Reminder = new SqliteStatement(
            connection,
            "SELECT grain_id, reminder_name, start_at, period_ticks, etag FROM reminders WHERE grain_id = $g AND reminder_name = $r",
            "$g", "$r");
        Reminders = new SqliteStatement(connection, "SELECT grain_id, reminder_name, start_at, period_ticks, etag FROM reminders");
        Events = new SqliteStatement(
            connection,
            "SELECT position, stream_namespace, stream_key, sequence, payload, enqueued_at FROM stream_events " +
            "WHERE position > $p ORDER BY position LIMIT $n",
            "$p", "$n");
        StreamEvents = new SqliteStatement(
            connection,
            "SELECT position, stream_namespace, stream_key, sequence, payload, enqueued_at FROM stream_events " +
            "WHERE stream_namespace = $ns AND stream_key = $k AND sequence > $s ORDER BY sequence LIMIT $n",
            "$ns", "$k", "$s", "$n");
        Checkpoints = new SqliteStatement(connection, "SELECT subscriber_id, stream_namespace, stream_key, sequence FROM stream_checkpoints");
        Subscriptions = new SqliteStatement(connection, "SELECT subscriber_id, stream_namespace, stream_key FROM stream_subscriptions");
    }

    public SqliteStatement State { get; }

    public SqliteStatement Reminder { get; }

    public SqliteStatement Reminders { get; }

    public SqliteStatement Events { get; }

    public SqliteStatement StreamEvents { get; }

    public SqliteStatement Checkpoints { get; }

    public SqliteStatement Subscriptions { get; }

    public void Dispose()
    {
        State.Dispose();
        Reminder.Dispose();
        Reminders.Dispose();
        Events.Dispose();
        StreamEvents.Dispose();
        Checkpoints.Dispose();
        Subscriptions.Dispose();
        _connection.Dispose();
    }
}
