-- logs becomes a table partitioned by day on received_at, so that a table that lives for months
-- stays cheap to write and old days go with a DROP TABLE (--retention) instead of a DELETE.
--
-- Uniqueness: PostgreSQL enforces a unique constraint of a partitioned table in each partition,
-- so it must contain the partition key. received_at is set once, when the API accepted the event,
-- and travels in the stream entry beside the event id: every redelivery of an event carries the
-- same (event_id, received_at) pair, lands in the same partition and meets its first copy in
-- that partition's unique index. The conflict target of the engine becomes (event_id, received_at).
-- The index leads with received_at: inserts go to its right edge (time order, not random uuids),
-- and it is also the index by time a reader of a log table expects.
--
-- Partitions: one per UTC day, named logs_pYYYYMMDD, [day 00:00Z, next day 00:00Z). This migration
-- makes those of the days existing rows are on; the engine makes today's and the next three days'
-- at start and every hour (LogPartitions). logs_default catches an event of any other day, so a
-- COPY never fails for want of a partition; the engine moves such rows into their day's partition
-- when it makes it.
--
-- Every row is copied with its id, and the identity continues where the old one stood. The whole
-- migration is one transaction (Flyway): a failure leaves the old table as it was.

ALTER TABLE logs RENAME TO logs_v3;
ALTER TABLE logs_v3 RENAME CONSTRAINT logs_pkey TO logs_v3_pkey;
ALTER TABLE logs_v3 RENAME CONSTRAINT logs_event_id_key TO logs_v3_event_id_key;
ALTER INDEX logs_legacy_stream_id RENAME TO logs_v3_legacy_stream_id;
ALTER SEQUENCE logs_id_seq RENAME TO logs_v3_id_seq;

CREATE TABLE logs (
    id          bigint GENERATED ALWAYS AS IDENTITY,
    event       jsonb       NOT NULL,
    -- when the HTTP API accepted the event; the partition key
    received_at timestamptz NOT NULL,
    -- when the flush that wrote it committed (transaction time)
    created_at  timestamptz NOT NULL DEFAULT now(),
    -- the Redis Stream entry id, for tracing a row back to its entry (not unique, see V2)
    stream_id   text COLLATE "C",
    -- the engine-assigned event id; NULL only in rows written before V2
    event_id    uuid,
    -- a primary key of a partitioned table must contain the partition key
    CONSTRAINT logs_pkey PRIMARY KEY (id, received_at),
    -- the redelivery guard (see above); also the index by time
    CONSTRAINT logs_received_at_event_id_key UNIQUE (received_at, event_id)
) PARTITION BY RANGE (received_at);

-- rows of engines from before V2 (event_id NULL): the conflict-safe INSERT checks stream_id against them
CREATE INDEX logs_legacy_stream_id ON logs (stream_id) WHERE event_id IS NULL;

DO $$
DECLARE
    day date;
BEGIN
    FOR day IN
        SELECT DISTINCT (received_at AT TIME ZONE 'UTC')::date FROM logs_v3
        UNION
        SELECT (now() AT TIME ZONE 'UTC')::date + n FROM generate_series(0, 3) AS n
    LOOP
        EXECUTE format(
                'CREATE TABLE %I PARTITION OF logs FOR VALUES FROM (%L) TO (%L)',
                'logs_p' || to_char(day, 'YYYYMMDD'),
                day::text || ' 00:00:00+00',
                (day + 1)::text || ' 00:00:00+00');
    END LOOP;
END
$$;

CREATE TABLE logs_default PARTITION OF logs DEFAULT;

INSERT INTO logs (id, event, received_at, created_at, stream_id, event_id)
OVERRIDING SYSTEM VALUE
SELECT id, event, received_at, created_at, stream_id, event_id FROM logs_v3;

-- the next id is the one the old table would have drawn
SELECT setval(pg_get_serial_sequence('logs', 'id'), s.last_value, s.is_called) FROM logs_v3_id_seq s;

-- whoever was granted rights on the old table (an engine user without ownership) keeps them
DO $$
DECLARE
    g record;
BEGIN
    FOR g IN
        SELECT grantee, privilege_type
        FROM information_schema.role_table_grants
        WHERE table_schema = current_schema() AND table_name = 'logs_v3' AND grantee <> current_user
    LOOP
        EXECUTE format(
                'GRANT %s ON logs TO %s',
                g.privilege_type,
                CASE WHEN g.grantee = 'PUBLIC' THEN 'PUBLIC' ELSE quote_ident(g.grantee) END);
    END LOOP;
END
$$;

DROP TABLE logs_v3;
