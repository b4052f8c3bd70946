-- ViscoOrleans runtime store, SQLite, schema version 1.
-- Times are UTC ticks (100 ns since 0001-01-01) so DateTimeOffset values round-trip exactly.

CREATE TABLE grain_state (
    grain_id    TEXT    NOT NULL,
    state_name  TEXT    NOT NULL,
    data        BLOB    NOT NULL,
    etag        TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (grain_id, state_name)
) WITHOUT ROWID;

CREATE TABLE reminders (
    grain_id       TEXT    NOT NULL,
    reminder_name  TEXT    NOT NULL,
    start_at       INTEGER NOT NULL,
    period_ticks   INTEGER NOT NULL,
    etag           TEXT    NOT NULL,
    PRIMARY KEY (grain_id, reminder_name)
) WITHOUT ROWID;

-- AUTOINCREMENT: a plain rowid would restart below a trimmed position once the table is empty, and positions must
-- only grow. The single writer connection assigns them in commit order.
CREATE TABLE stream_events (
    position          INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_namespace  TEXT    NOT NULL,
    stream_key        TEXT    NOT NULL,
    sequence          INTEGER NOT NULL,
    payload           BLOB    NOT NULL,
    enqueued_at       INTEGER NOT NULL,
    UNIQUE (stream_namespace, stream_key, sequence)
);

-- Kept after a trim so a stream's sequence continues where it was.
CREATE TABLE stream_heads (
    stream_namespace  TEXT    NOT NULL,
    stream_key        TEXT    NOT NULL,
    last_sequence     INTEGER NOT NULL,
    PRIMARY KEY (stream_namespace, stream_key)
) WITHOUT ROWID;

CREATE TABLE stream_checkpoints (
    subscriber_id     TEXT    NOT NULL,
    stream_namespace  TEXT    NOT NULL,
    stream_key        TEXT    NOT NULL,
    sequence          INTEGER NOT NULL,
    PRIMARY KEY (subscriber_id, stream_namespace, stream_key)
) WITHOUT ROWID;

CREATE TABLE stream_subscriptions (
    subscriber_id     TEXT    NOT NULL,
    stream_namespace  TEXT    NOT NULL,
    stream_key        TEXT    NOT NULL,
    PRIMARY KEY (subscriber_id, stream_namespace, stream_key)
) WITHOUT ROWID;
