-- The two other workloads Sluice grew from (seeds 003 and 004): a FIFO queue with channels,
-- consumed by deleting into an archive, and an items table written through a Redis Stream.

-- Queued messages. The identity gives the FIFO order. Enqueue transactions take one advisory
-- lock (QueueWriter), so ids become visible in id order even with several engines on one
-- database: a consumer never takes id 11 while id 10 of the same channel is still uncommitted.
CREATE TABLE queue_messages (
    id         bigint GENERATED ALWAYS AS IDENTITY,
    channel    text COLLATE "C" NOT NULL CHECK (channel ~ '^[A-Za-z0-9_.-]{1,64}$'),
    message    jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    -- (channel, id) is the only index, so every access goes "the oldest of this channel" (one
    -- range scan): with an index on id alone the planner took it for the consume once the table's
    -- statistics said a channel is a third of a big table, scanning other channels' rows
    PRIMARY KEY (channel, id)
);

-- Consumed messages, with the time they were handed out. Same id as in queue_messages.
CREATE TABLE queue_archive (
    id          bigint PRIMARY KEY,
    channel     text COLLATE "C" NOT NULL,
    message     jsonb       NOT NULL,
    created_at  timestamptz NOT NULL,
    consumed_at timestamptz NOT NULL DEFAULT now()
);

-- Items (seed 004). The id is the engine's, drawn before the item enters the stream, so the
-- worker's INSERT ... ON CONFLICT (id) DO NOTHING makes a redelivered entry a no-op.
CREATE TABLE items (
    id          bigint PRIMARY KEY,
    name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Where the next block of item ids starts. An engine takes a block with one UPDATE ... RETURNING
-- and hands its ids out from memory. A committed UPDATE is durable, so a block is never handed
-- out twice, across engines and crashes (a sequence may repeat values after a crash when the
-- transaction that drew them wrote nothing else). Ids skipped by a crash are simply never used.
CREATE TABLE item_id_blocks (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    next_id   bigint  NOT NULL
);
INSERT INTO item_id_blocks (next_id) VALUES (1);
