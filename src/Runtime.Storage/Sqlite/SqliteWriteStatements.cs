using Microsoft.Data.Sqlite;

namespace Visco.Runtime.Storage.Sqlite;

/// <summary>The writer connection's prepared statements (one set per connection; rebuilt when it is reopened).</summary>
internal sealed class SqliteWriteStatements : IDisposable
{
    /// <summary>Rows per execution of <see cref="InsertEvents"/>.</summary>
    public const int EventsPerInsert = 32;

    public SqliteWriteStatements(SqliteConnection connection)
    {
        Begin = new SqliteStatement(connection, "BEGIN IMMEDIATE");
        Commit = new SqliteStatement(connection, "COMMIT");
        InsertState = new SqliteStatement(
            connection,
            "INSERT INTO grain_state (grain_id, state_name, data, etag, updated_at) VALUES ($g, $s, $d, $n, $t) ON CONFLICT DO NOTHING",
            "$g", "$s", "$d", "$n", "$t");
        UpdateState = new SqliteStatement(
            connection,
            "UPDATE grain_state SET data = $d, etag = $n, updated_at = $t WHERE grain_id = $g AND state_name = $s AND etag = $e",
            "$g", "$s", "$d", "$n", "$t", "$e");
        SelectEtag = new SqliteStatement(connection, "SELECT etag FROM grain_state WHERE grain_id = $g AND state_name = $s", "$g", "$s");
        DeleteState = new SqliteStatement(
            connection, "DELETE FROM grain_state WHERE grain_id = $g AND state_name = $s AND etag = $e", "$g", "$s", "$e");
        UpsertReminder = new SqliteStatement(
            connection,
            "INSERT INTO reminders (grain_id, reminder_name, start_at, period_ticks, etag) VALUES ($g, $r, $a, $p, $n) " +
            "ON CONFLICT (grain_id, reminder_name) DO UPDATE SET start_at = excluded.start_at, period_ticks = excluded.period_ticks, etag = excluded.etag",
            "$g", "$r", "$a", "$p", "$n");
        DeleteReminder = new SqliteStatement(connection, "DELETE FROM reminders WHERE grain_id = $g AND reminder_name = $r", "$g", "$r");
        AdvanceHead = new SqliteStatement(
            connection,
            "INSERT INTO stream_heads (stream_namespace, stream_key, last_sequence) VALUES ($ns, $k, $c) " +
            "ON CONFLICT (stream_namespace, stream_key) DO UPDATE SET last_sequence = last_sequence + excluded.last_sequence RETURNING last_sequence",
            "$ns", "$k", "$c");
        InsertEvent = new SqliteStatement(
            connection,
            "INSERT INTO stream_events (stream_namespace, stream_key, sequence, payload, enqueued_at) VALUES ($ns, $k, $q, $p, $t)",
            "$ns", "$k", "$q", "$p", "$t");
        InsertEvents = new SqliteStatement(connection, InsertEventsSql(), ["$ns", "$k", "$t", "$q", .. Enumerable.Range(0, EventsPerInsert).Select(i => $"$p{i}")]);
        UpsertCheckpoint = new SqliteStatement(
            connection,
            "INSERT INTO stream_checkpoints (subscriber_id, stream_namespace, stream_key, sequence) VALUES ($s, $ns, $k, $q) " +
            "ON CONFLICT (subscriber_id, stream_namespace, stream_key) DO UPDATE SET sequence = excluded.sequence " +
            "WHERE excluded.sequence > stream_checkpoints.sequence",
            "$s", "$ns", "$k", "$q");
        InsertSubscription = new SqliteStatement(
            connection,
            "INSERT INTO stream_subscriptions (subscriber_id, stream_namespace, stream_key) VALUES ($s, $ns, $k) ON CONFLICT DO NOTHING",
            "$s", "$ns", "$k");
        DeleteSubscription = new SqliteStatement(
            connection,
            "DELETE FROM stream_subscriptions WHERE subscriber_id = $s AND stream_namespace = $ns AND stream_key = $k",
            "$s", "$ns", "$k");
        DeleteCheckpoint = new SqliteStatement(
            connection,
            "DELETE FROM stream_checkpoints WHERE subscriber_id = $s AND stream_namespace = $ns AND stream_key = $k",
            "$s", "$ns", "$k");
        Trim = new SqliteStatement(connection, "DELETE FROM stream_events WHERE position <= $p", "$p");
    }

    public SqliteStatement Begin { get; }

    public SqliteStatement Commit { get; }

    public SqliteStatement InsertState { get; }

    public SqliteStatement UpdateState { get; }

    public SqliteStatement SelectEtag { get; }

    public SqliteStatement DeleteState { get; }

    public SqliteStatement UpsertReminder { get; }

    public SqliteStatement DeleteReminder { get; }

    public SqliteStatement AdvanceHead { get; }

    public SqliteStatement InsertEvent { get; }

    /// <summary>
    /// <see cref="EventsPerInsert"/> consecutive events of one stream in one statement: the stream, time and first
    /// sequence are bound once instead of per row (parameters: $ns, $k, $t, $q, then one payload per row).
    /// </summary>
    public SqliteStatement InsertEvents { get; }

    public SqliteStatement UpsertCheckpoint { get; }

    public SqliteStatement InsertSubscription { get; }

    public SqliteStatement DeleteSubscription { get; }

    public SqliteStatement DeleteCheckpoint { get; }

    public SqliteStatement Trim { get; }

    public void Dispose()
    {
        foreach (var statement in new[]
        {
            Begin, Commit, InsertState, UpdateState, SelectEtag, DeleteState, UpsertReminder, DeleteReminder, AdvanceHead,
            InsertEvent, InsertEvents, UpsertCheckpoint, InsertSubscription, DeleteSubscription, DeleteCheckpoint, Trim,
        })
        {
            statement.Dispose();
        }
    }

    private static string InsertEventsSql() =>
        "INSERT INTO stream_events (stream_namespace, stream_key, sequence, payload, enqueued_at) VALUES " +
        string.Join(", ", Enumerable.Range(0, EventsPerInsert).Select(i => $"($ns, $k, $q + {i}, $p{i}, $t)"));
}
