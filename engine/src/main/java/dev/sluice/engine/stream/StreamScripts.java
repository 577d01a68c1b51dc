package dev.sluice.engine.stream;

/**
 * The Lua scripts the {@link StreamAppender} writes with. Each runs atomically in Redis, so a
 * batch lands whole or not at all, and an Idempotency-Key check cannot be split from its XADDs.
 * Every entry gets the fields of {@link StreamFields}: {@code event}, {@code event_id}, {@code received_at}.
 */
final class StreamScripts {
    /** Adds (ARGV[i], ARGV[i+1]) = (event id, event) pairs from i = 2 to KEYS[1], all stamped ARGV[1]; atomic, so a batch is all-or-nothing. */
    static final String ADD_BATCH = """
            local t = ARGV[1]
            for i = 2, #ARGV, 2 do
              redis.call('XADD', KEYS[1], '*', 'event', ARGV[i + 1], 'event_id', ARGV[i], 'received_at', t)
            end
            return (#ARGV - 1) / 2""";
    /**
     * Acknowledges the ids ARGV[2..] for group ARGV[1] on KEYS[1] and deletes them from the stream,
     * in one atomic step: an engine killed between a separate XACK and XDEL left committed entries
     * in the stream forever, no longer pending and never delivered again (the backlog never reached
     * 0). Ids go in chunks of 1,000: Lua's unpack has a stack limit below the largest batch.
     */
    static final String ACK_AND_DELETE = """
            local acked = 0
            for i = 2, #ARGV, 1000 do
              local last = math.min(i + 999, #ARGV)
              acked = acked + redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, i, last))
              redis.call('XDEL', KEYS[1], unpack(ARGV, i, last))
            end
            return acked""";
    /**
     * The Idempotency-Key path: if KEYS[2] holds a record, returns it and adds nothing; else adds the
     * (event id, event) pairs from ARGV[4] on, stamped ARGV[1], and stores ARGV[3] under KEYS[2] for
     * ARGV[2] ms. One script, so the check and the XADDs cannot be split by a concurrent request or a crash.
     */
    static final String ADD_ONCE = """
            local rec = redis.call('GET', KEYS[2])
            if rec then
              return rec
            end
            local t = ARGV[1]
            for i = 4, #ARGV, 2 do
              redis.call('XADD', KEYS[1], '*', 'event', ARGV[i + 1], 'event_id', ARGV[i], 'received_at', t)
            end
            redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[2])
            return false""";

    private StreamScripts() {}
}
