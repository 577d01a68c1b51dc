-- Events that reached PostgreSQL. One row per accepted event, exactly once.
CREATE TABLE logs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event       jsonb       NOT NULL,
    -- when the HTTP API accepted the event
    received_at timestamptz NOT NULL,
    -- when the flush that wrote it committed (transaction time)
    created_at  timestamptz NOT NULL DEFAULT now(),
    -- the Redis Stream entry id; unique, so a redelivered entry never becomes a second row.
    -- NULL only for rows written by the direct-insert mode, which bypasses the stream.
    stream_id   text COLLATE "C" UNIQUE
);

-- Entries that failed to be written too many times, with the reason. They were acknowledged
-- in the stream so one poison event never stalls it; nothing is silently dropped.
CREATE TABLE dead_letters (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_id   text COLLATE "C" NOT NULL UNIQUE,
    -- the entry's event bytes exactly as they were in the stream (may not be valid JSON)
    payload     bytea,
    received_at timestamptz,
    error       text        NOT NULL,
    attempts    integer     NOT NULL,
    failed_at   timestamptz NOT NULL DEFAULT now()
);
