package dev.sluice.engine.items;

import dev.sluice.engine.sink.BatchSink;
import dev.sluice.engine.sink.CopyEncoder;
import dev.sluice.engine.sink.LogSink;
import dev.sluice.engine.stream.StreamEntry;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes the items stream's entries to {@code items} and invalidates the page cache around each
 * commit ({@link ItemCache}). Each entry is an item the API already gave its id, so one INSERT ...
 * ON CONFLICT (id) DO NOTHING serves fresh batches and redeliveries alike: the batch COPY of the
 * log would buy little at these sizes and would need the duplicate fallback this needs not.
 *
 * <p>Concurrency: thread-safe; every call borrows its own connection.
 */
final class ItemSink implements BatchSink {
    private static final String INSERT = "INSERT INTO items (id, name, description)"
            + " SELECT (e->>'id')::bigint, e->>'name', e->>'description' FROM unnest(?::jsonb[]) AS e"
            + " ON CONFLICT (id) DO NOTHING";

    private final DataSource pool;
    private final ItemCache cache;

    ItemSink(DataSource pool, ItemCache cache) {
        this.pool = pool;
        this.cache = cache;
    }

    @Override
    public void copy(List<StreamEntry> entries, CopyEncoder encoder) throws SQLException {
        insert(entries);
    }

    /**
     * Inserts {@code entries} between registering a cache writer and bumping the cache version.
     * A Redis failure on either side fails the batch as transient (a null SQLState), so the worker
     * keeps it and retries: the retry's INSERT is a no-op for rows already in, and its bump is
     * what makes pages read before the commit unreachable.
     */
    @Override
    public int insert(List<StreamEntry> entries) throws SQLException {
        String writer;
        try {
            writer = cache.writeBegins();
        } catch (IllegalStateException e) {
            throw new SQLException(e.getMessage(), e);
        }
        int inserted = commit(entries);
        try {
            cache.writeEnded(writer);
        } catch (IllegalStateException e) {
            throw new SQLException("committed, but " + e.getMessage(), e);
        }
        return inserted;
    }

    private int commit(List<StreamEntry> entries) throws SQLException {
        String[] events = new String[entries.size()];
        for (int i = 0; i < events.length; i++) {
            events[i] = new String(entries.get(i).event(), StandardCharsets.UTF_8);
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                Array array = c.createArrayOf("text", events);
                ps.setArray(1, array);
                int inserted = ps.executeUpdate();
                c.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                LogSink.rollbackQuietly(c);
                throw e;
            }
        }
    }

    @Override
    public void deadLetter(StreamEntry entry, String error, int attempts) throws SQLException {
        LogSink.deadLetter(pool, "items:", entry, error, attempts);
    }
}
