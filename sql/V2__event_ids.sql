-- Engine-assigned event ids. The stream entry id alone cannot keep an event single: a command
-- Lettuce re-sends after a reconnect, or a batch script replayed, makes a second stream entry
-- with a new entry id but the same event. The engine now draws a 128-bit id per event when it
-- accepts it and carries it in the stream entry; PostgreSQL keeps it unique.
-- Rows written before this migration keep event_id NULL (UNIQUE allows many NULLs).
ALTER TABLE logs ADD COLUMN event_id uuid;
ALTER TABLE logs ADD CONSTRAINT logs_event_id_key UNIQUE (event_id);

-- stream_id is no longer unique: nothing relies on it (the conflict target is event_id now), it
-- cost a second unique btree on every COPY, and it was a trap: entry ids are unique only within
-- one stream, so two streams (or a Redis that lost its data) writing one table could see an event
-- silently dropped as a "duplicate". The column stays, for tracing a row back to its entry.
ALTER TABLE logs DROP CONSTRAINT IF EXISTS logs_stream_id_key;
-- Rows of an older engine have no event_id. An entry it wrote but had not acknowledged when it
-- was upgraded is redelivered with an id derived from its entry id; the conflict-safe INSERT
-- checks stream_id against these old rows only. Partial: new rows (event_id set) never enter it.
CREATE INDEX logs_legacy_stream_id ON logs (stream_id) WHERE event_id IS NULL;

-- Idempotency-Key records of the direct-insert mode, written in the same transaction as the rows
-- (the stream modes keep theirs in Redis, beside the stream, with the window as TTL).
CREATE TABLE idempotency_keys (
    key         text COLLATE "C" PRIMARY KEY,
    -- SHA-256 of the request body the key was first used with
    body_sha256 bytea       NOT NULL,
    -- the 202 body the first request got, replayed to retries
    answer      text        NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
