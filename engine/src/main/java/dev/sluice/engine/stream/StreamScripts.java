package dev.sluice.engine.stream;

/**
 * The Lua scripts the engine writes the stream with. Each runs atomically in Redis, so a batch
 * lands whole or not at all, an Idempotency-Key check cannot be split from its XADDs, and the
 * counter of extra events ({@link StreamFields#extraEventsKey}) always matches the entries in the
 * stream: every packed entry is added and deleted in the same script as its count.
 */
public final class StreamScripts {
    /**
     * Adds packed entries to KEYS[1], all stamped ARGV[1]: (ARGV[i], ARGV[i+1]) = (event ids, packed
     * events) from i = 2. Adds what they hold beyond one event each to the counter KEYS[2]. Returns
     * the number of entries.
     */
    static final String ADD_BATCH = addPacked(2, "KEYS[2]") + "return (#ARGV - 1) / 2";
    /**
     * Adds packed entries of single events from different requests to KEYS[1]: ARGV in fours of
     * (event ids, packed events, received_at of the first, received_ats), counting the events they
     * hold beyond one each in KEYS[2] as {@link #ADD_BATCH} does. Returns the number of entries.
     */
    static final String ADD_SINGLES = """
            local extra = 0
            for i = 1, #ARGV, 4 do
              redis.call('XADD', KEYS[1], '*', 'events', ARGV[i + 1], 'event_ids', ARGV[i],
                'received_at', ARGV[i + 2], 'received_ats', ARGV[i + 3])
              local n = math.floor(string.len(ARGV[i]) / 16)
              if n > 1 then extra = extra + n - 1 end
            end
            if extra > 0 then redis.call('INCRBY', KEYS[2], extra) end
            return #ARGV / 4""";
    /**
     * Acknowledges entries for group ARGV[1] on KEYS[1] and deletes them from the stream, in one
     * atomic step: an engine killed between a separate XACK and XDEL left committed entries in the
     * stream forever, no longer pending and never delivered again. ARGV[2] = k packed entries
     * follow as (id, extra events) pairs; each one's extra comes off the counter KEYS[2] only if this
     * call deleted it, so an acknowledgement retried after a lost reply counts nothing twice. The
     * remaining ids (single events) go in chunks of 1,000: Lua's unpack has a stack limit below the
     * largest batch. XACK comes first: under maxmemory, Redis refuses a script's DECRBY only when
     * it is the script's first write, and a full Redis must still drain.
     */
    public static final String ACK_AND_DELETE = """
            local acked = 0
            local first = 3 + 2 * tonumber(ARGV[2])
            for i = 3, first - 1, 2 do
              acked = acked + redis.call('XACK', KEYS[1], ARGV[1], ARGV[i])
              if redis.call('XDEL', KEYS[1], ARGV[i]) == 1 and ARGV[i + 1] ~= '0' then
                redis.call('DECRBY', KEYS[2], ARGV[i + 1])
              end
            end
            for i = first, #ARGV, 1000 do
              local last = math.min(i + 999, #ARGV)
              acked = acked + redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, i, last))
              redis.call('XDEL', KEYS[1], unpack(ARGV, i, last))
            end
            return acked""";
    /**
     * The Idempotency-Key path: if KEYS[2] holds a record, returns it and adds nothing; else adds
     * packed entries as {@link #ADD_BATCH} does, pairs from ARGV[4] on, stamped ARGV[1], counting
     * in KEYS[3], and stores ARGV[3] under KEYS[2] for ARGV[2] ms. One script, so the check and the
     * XADDs cannot be split by a concurrent request or a crash.
     */
    static final String ADD_ONCE = """
                    local rec = redis.call('GET', KEYS[2])
                    if rec then
                      return rec
                    end
                    """ + addPacked(4, "KEYS[3]") + """
                    redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[2])
                    return false""";
    /**
     * The backlog in events: XLEN of KEYS[1] plus the counter KEYS[2]. An empty stream holds no
     * extra events, so a counter left over by a stream deleted from outside is dropped then.
     */
    public static final String BACKLOG_EVENTS = """
            local n = redis.call('XLEN', KEYS[1])
            local v = redis.call('GET', KEYS[2])
            local x = v and tonumber(v) or 0
            if n == 0 then
              if v then redis.call('DEL', KEYS[2]) end
              return 0
            end
            if x < 0 then x = 0 end
            return n + x""";

    /**
     * The Lua both adding scripts share: XADDs the (event ids, packed events) pairs of ARGV from
     * {@code firstPair} on to KEYS[1], stamped ARGV[1], and adds the events they hold beyond one
     * each to {@code counter}, in the same script as the XADDs.
     */
    private static String addPacked(int firstPair, String counter) {
        return """
                local t, extra = ARGV[1], 0
                for i = %d, #ARGV, 2 do
                  redis.call('XADD', KEYS[1], '*', 'events', ARGV[i + 1], 'event_ids', ARGV[i], 'received_at', t)
                  local n = math.floor(string.len(ARGV[i]) / 16)
                  if n > 1 then extra = extra + n - 1 end
                end
                if extra > 0 then redis.call('INCRBY', %s, extra) end
                """.formatted(firstPair, counter);
    }

    private StreamScripts() {}
}
