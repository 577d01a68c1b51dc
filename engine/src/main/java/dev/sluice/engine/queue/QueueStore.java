package dev.sluice.engine.queue;

import dev.sluice.api.MetricsSnapshot.ChannelDepth;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The queue's SQL on {@code queue_messages} and {@code queue_archive}: the enqueue and consume
 * rounds {@link GroupCommit} runs, and the reads that consume nothing.
 *
 * <p>Concurrency: stateless; the rounds run on the connection they are given, the reads borrow one
 * from the pool. Safe from any thread.
 */
final class QueueStore {
    /** The depth reads are a sampler's: a slow count shows as unknown, never as a stuck tick. */
    private static final int SAMPLE_TIMEOUT_SECONDS = 2;

    /** The advisory lock every enqueue transaction holds, so ids commit in id order (see V3__queue_and_items.sql). */
    static final long ENQUEUE_LOCK = 0x5175_6575_6531L;

    private static final String ENQUEUE = """
            INSERT INTO queue_messages (channel, message)
            SELECT c, m::jsonb FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS t(c, m, o) ORDER BY o
            RETURNING id""";

    // the oldest unlocked messages of each channel asked for (channel i: n[i] of them) move to the
    // archive, in one statement: one round trip per round however many channels it serves. SKIP
    // LOCKED lets concurrent rounds (this engine's or another's) take the next ones instead of waiting.
    private static final String CONSUME = """
            WITH want AS (
                SELECT channel, n, head FROM unnest(?::text[], ?::int[], ?::int8[]) AS w(channel, n, head)
            ), next AS (
                SELECT t.id FROM want CROSS JOIN LATERAL (
                    SELECT m.id FROM queue_messages m WHERE m.channel = want.channel AND m.id >= want.head
                    ORDER BY m.id LIMIT want.n FOR UPDATE SKIP LOCKED
                ) t
            ), gone AS (
                -- by primary key, whatever the planner thinks of the table's size: a join here became
                -- a hash join over a sequential scan once the statistics counted a million rows
                DELETE FROM queue_messages q
                WHERE q.channel = ANY(?::text[]) AND q.id = ANY(ARRAY(SELECT id FROM next))
                RETURNING q.id, q.channel, q.message, q.created_at
            ), archived AS (
                INSERT INTO queue_archive (id, channel, message, created_at)
                SELECT id, channel, message, created_at FROM gone
            )
            SELECT id, channel, message::text, created_at FROM gone ORDER BY id""";

    private static final String PEEK = """
            SELECT id, channel, message::text, created_at FROM queue_messages
            WHERE channel = ? ORDER BY id OFFSET ? LIMIT ?""";

    // a loose index scan over (channel, id): one index probe per channel, however many messages wait
    private static final String CHANNELS = """
            WITH RECURSIVE c AS (
                (SELECT channel FROM queue_messages ORDER BY channel LIMIT 1)
                UNION ALL
                SELECT (SELECT q.channel FROM queue_messages q WHERE q.channel > c.channel ORDER BY q.channel LIMIT 1)
                FROM c WHERE c.channel IS NOT NULL
            )
            SELECT channel FROM c WHERE channel IS NOT NULL""";

    // one scan for both: the deepest channels and, on every row, the total over all of them
    private static final String DEPTHS = """
            SELECT channel, count(*), sum(count(*)) OVER () FROM queue_messages
            GROUP BY channel ORDER BY count(*) DESC, channel LIMIT ?""";

    private final DataSource pool;

    QueueStore(DataSource pool) {
        this.pool = pool;
    }

    /** Inserts {@code messages} in order under the enqueue lock; returns their ids, in the same order. */
    static List<Long> enqueue(Connection c, List<NewMessage> messages) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, ENQUEUE_LOCK);
            lock.execute();
        }
        String[] channels = new String[messages.size()];
        String[] bodies = new String[messages.size()];
        for (int i = 0; i < channels.length; i++) {
            channels[i] = messages.get(i).channel();
            bodies[i] = messages.get(i).messageJson();
        }
        long[] ids = new long[channels.length];
        try (PreparedStatement insert = c.prepareStatement(ENQUEUE)) {
            Array cs = c.createArrayOf("text", channels);
            Array ms = c.createArrayOf("text", bodies);
            insert.setArray(1, cs);
            insert.setArray(2, ms);
            int n = 0;
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    ids[n++] = rs.getLong(1);
                }
            }
            if (n != ids.length) {
                throw new SQLException("inserted " + n + " of " + ids.length + " messages");
            }
        }
        // identities follow the SELECT's order, RETURNING need not: sorted, the i-th id is the i-th message's
        Arrays.sort(ids);
        List<Long> out = new ArrayList<>(ids.length);
        for (long id : ids) {
            out.add(id);
        }
        return out;
    }

    /**
     * Consumes one message per request, the oldest first within each channel: request {@code i}
     * gets the next message of {@code channels.get(i)}, or empty when that channel ran out. Each
     * channel's scan starts at {@code heads}' id for it (0 when unknown): below it are only rows
     * consumed already, dead until vacuum reaches them, which a scan from the start would step
     * over one by one. The round's lowest id per channel becomes the channel's new head.
     */
    static List<Optional<QueuedMessage>> consume(Connection c, List<String> channels, Map<String, Long> heads)
            throws SQLException {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        channels.forEach(ch -> wanted.merge(ch, 1, Integer::sum));
        Map<String, List<QueuedMessage>> taken = new LinkedHashMap<>();
        wanted.keySet().forEach(ch -> taken.put(ch, new ArrayList<>()));
        Object[] from =
                wanted.keySet().stream().map(ch -> heads.getOrDefault(ch, 0L)).toArray();
        try (PreparedStatement consume = c.prepareStatement(CONSUME)) {
            Array names = c.createArrayOf("text", wanted.keySet().toArray());
            consume.setArray(1, names);
            consume.setArray(2, c.createArrayOf("int4", wanted.values().toArray()));
            consume.setArray(3, c.createArrayOf("int8", from));
            consume.setArray(4, names);
            for (QueuedMessage m : read(consume)) {
                taken.get(m.channel()).add(m); // in id order within each channel
            }
        }
        taken.forEach((ch, got) -> {
            if (!got.isEmpty()) {
                heads.merge(ch, got.get(0).id(), Math::max);
            }
        });
        List<Optional<QueuedMessage>> out = new ArrayList<>(channels.size());
        Map<String, Integer> next = new LinkedHashMap<>();
        for (String ch : channels) {
            List<QueuedMessage> got = taken.get(ch);
            int i = next.merge(ch, 1, Integer::sum) - 1;
            out.add(i < got.size() ? Optional.of(got.get(i)) : Optional.empty());
        }
        return out;
    }

    /** Up to {@code limit} messages of {@code channel} from {@code offset}, oldest first, consuming nothing. */
    List<QueuedMessage> peek(String channel, long offset, int limit) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(PEEK)) {
            ps.setString(1, channel);
            ps.setLong(2, offset);
            ps.setInt(3, limit);
            return read(ps);
        }
    }

    /** The channels that have queued messages, by name. */
    List<String> channels() throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(CHANNELS);
                ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    /**
     * The {@code top} deepest channels, deepest first, and the total over all channels, exactly:
     * one scan of the table, so meant for a sampler that can afford it ({@link #depthEstimate} when not).
     */
    MessageQueue.Depth depths(int top) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(DEPTHS)) {
            ps.setQueryTimeout(SAMPLE_TIMEOUT_SECONDS);
            ps.setInt(1, top);
            try (ResultSet rs = ps.executeQuery()) {
                List<ChannelDepth> out = new ArrayList<>();
                long total = 0;
                while (rs.next()) {
                    out.add(new ChannelDepth(rs.getString(1), rs.getLong(2)));
                    total = rs.getLong(3);
                }
                return new MessageQueue.Depth(total, out);
            }
        }
    }

    /** Messages waiting, as PostgreSQL's statistics count them (live tuples): no scan, close but not exact. */
    long depthEstimate() throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT pg_stat_get_live_tuples('queue_messages'::regclass)");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Math.max(0, rs.getLong(1));
        }
    }

    private static List<QueuedMessage> read(PreparedStatement ps) throws SQLException {
        List<QueuedMessage> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp created = rs.getTimestamp(4);
                out.add(new QueuedMessage(rs.getLong(1), rs.getString(2), rs.getString(3), created.toInstant()));
            }
        }
        return out;
    }
}
