namespace Visco.Runtime.Storage.Postgres;

/// <summary>
/// The writer's statements besides state writes (see <see cref="PostgresStateWriteGroup"/>). Each returns exactly one
/// row, so a batch's results map back to its ops by position. The clear is a conditional statement whose CTE also
/// reports the stored ETag as of before the statement, which names the winner of a conflict without another round trip.
/// </summary>
internal static class PostgresSql
{
    public const string ClearState =
        "WITH d AS (DELETE FROM grain_state WHERE grain_id = $1 AND state_name = $2 AND etag = $3 RETURNING 1) " +
        "SELECT (SELECT count(*) FROM d)::int, (SELECT etag FROM grain_state WHERE grain_id = $1 AND state_name = $2)";

    public const string UpsertReminder =
        "WITH u AS (INSERT INTO reminders (grain_id, reminder_name, start_at, period_ticks, etag) VALUES ($1, $2, $3, $4, $5) " +
        "ON CONFLICT (grain_id, reminder_name) DO UPDATE SET start_at = excluded.start_at, period_ticks = excluded.period_ticks, " +
        "etag = excluded.etag RETURNING 1) SELECT count(*)::int FROM u";

    public const string DeleteReminder =
        "WITH d AS (DELETE FROM reminders WHERE grain_id = $1 AND reminder_name = $2 RETURNING 1) SELECT count(*)::int FROM d";

    public const string UpsertCheckpoint =
        "WITH u AS (INSERT INTO stream_checkpoints (subscriber_id, stream_namespace, stream_key, sequence) VALUES ($1, $2, $3, $4) " +
        "ON CONFLICT (subscriber_id, stream_namespace, stream_key) DO UPDATE SET sequence = excluded.sequence " +
        "WHERE excluded.sequence > stream_checkpoints.sequence RETURNING 1) SELECT count(*)::int FROM u";

    public const string AddSubscription =
        "WITH u AS (INSERT INTO stream_subscriptions (subscriber_id, stream_namespace, stream_key) VALUES ($1, $2, $3) " +
        "ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*)::int FROM u";

    public const string RemoveSubscription =
        "WITH s AS (DELETE FROM stream_subscriptions WHERE subscriber_id = $1 AND stream_namespace = $2 AND stream_key = $3 RETURNING 1), " +
        "c AS (DELETE FROM stream_checkpoints WHERE subscriber_id = $1 AND stream_namespace = $2 AND stream_key = $3 RETURNING 1) " +
        "SELECT (SELECT count(*) FROM s)::int + (SELECT count(*) FROM c)::int";

    // Bounded below as well as above: a trimmed row stays in the heap and the position index until VACUUM reaches it,
    // and a DELETE from position 0 visited every one of them again (a table of 14,000 live events had 254,000 dead ones
    // after 40 s of 8,000 measurements/s, and each trim read their pages back).
    public const string Trim =
        "WITH d AS (DELETE FROM stream_events WHERE position > $1 AND position <= $2 RETURNING 1) SELECT count(*)::int FROM d";
}
