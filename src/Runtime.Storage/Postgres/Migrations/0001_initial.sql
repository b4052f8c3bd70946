-- ViscoOrleans runtime store, PostgreSQL, schema version 1. Runs with search_path set to the store's schema.

CREATE TABLE grain_state (
    grain_id    text        NOT NULL,
    state_name  text        NOT NULL,
    data        bytea       NOT NULL,
    etag        text        NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (grain_id, state_name)
) WITH (fillfactor = 80); -- room on each page so rewriting a state is a HOT update (no index entry to add)

CREATE TABLE reminders (
    grain_id       text        NOT NULL,
    reminder_name  text        NOT NULL,
    start_at       timestamptz NOT NULL,
    period_ticks   bigint      NOT NULL,
    etag           text        NOT NULL,
    PRIMARY KEY (grain_id, reminder_name)
);

-- position is assigned at insert; only one appender transaction runs at a time, so positions become visible in
-- commit order (see PostgresRuntimeStore).
CREATE TABLE stream_events (
    position          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_namespace  text        NOT NULL,
    stream_key        text        NOT NULL,
    sequence          bigint      NOT NULL,
    payload           bytea       NOT NULL,
    enqueued_at       timestamptz NOT NULL,
    UNIQUE (stream_namespace, stream_key, sequence)
);

-- Kept after a trim so a stream's sequence continues where it was.
CREATE TABLE stream_heads (
    stream_namespace  text   NOT NULL,
    stream_key        text   NOT NULL,
    last_sequence     bigint NOT NULL,
    PRIMARY KEY (stream_namespace, stream_key)
);

CREATE TABLE stream_checkpoints (
    subscriber_id     text   NOT NULL,
    stream_namespace  text   NOT NULL,
    stream_key        text   NOT NULL,
    sequence          bigint NOT NULL,
    PRIMARY KEY (subscriber_id, stream_namespace, stream_key)
);

CREATE TABLE stream_subscriptions (
    subscriber_id     text NOT NULL,
    stream_namespace  text NOT NULL,
    stream_key        text NOT NULL,
    PRIMARY KEY (subscriber_id, stream_namespace, stream_key)
);
