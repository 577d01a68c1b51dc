package dev.sluice.engine.sink;

import dev.sluice.engine.metrics.IngestCounters;
import dev.sluice.engine.stream.EpochMicros;
import dev.sluice.engine.stream.EventIds;
import dev.sluice.engine.stream.IdempotencyKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The direct-insert mode's write: one request, one transaction, all or nothing. The
 * Idempotency-Key record, when there is a key, is claimed first in that same transaction, so the
 * rows and the record commit together: a retry either finds the record (and the rows) or neither.
 * Two concurrent requests with one key serialize on the key's primary-key entry: the second waits
 * for the first to commit and then replays its answer. It counts its own commits (rows, flushes,
 * commit latency) as the stream workers do.
 *
 * <p>Concurrency: thread-safe; every call borrows its own pooled connection. Request threads call it.
 */
final class DirectInsert {
    private static final Logger log = LoggerFactory.getLogger(DirectInsert.class);
    private static final long PRUNE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final DataSource pool;
    private final String table;
    private final Duration window;
    private final IngestCounters counters;
    private final EventIds eventIds = new EventIds();
    private final AtomicLong nextPruneAt = new AtomicLong(System.nanoTime());

    DirectInsert(DataSource pool, String table, Duration window, IngestCounters counters) {
        this.pool = pool;
        this.table = table;
        this.window = window;
        this.counters = counters;
    }

    Optional<IdempotencyKey.Stored> insert(
            List<byte[]> events, long receivedAtMicros, IdempotencyKey key, String answer) throws SQLException {
        Optional<IdempotencyKey.Stored> earlier = Optional.empty();
        try (Connection c = pool.getConnection()) {
            if (key == null && events.size() <= LogSink.ROWS_PER_INSERT) {
                // one statement is atomic on its own: autocommit saves the BEGIN/COMMIT round trip
                insertRows(c, events, receivedAtMicros);
                committed(events.size(), receivedAtMicros);
                return earlier;
            }
            c.setAutoCommit(false);
            try {
                if (key != null) {
                    earlier = claim(c, key, answer);
                }
                if (earlier.isEmpty()) {
                    insertRows(c, events, receivedAtMicros);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                LogSink.rollbackQuietly(c);
                throw e;
            }
        }
        if (earlier.isEmpty()) {
            committed(events.size(), receivedAtMicros);
        }
        if (key != null) {
            pruneNowAndThen();
        }
        return earlier;
    }

    /** One request's rows committed: one flush, one commit-latency sample per event (as the stream workers record them). */
    private void committed(int rows, long receivedAtMicros) {
        long latency = EpochMicros.now() - receivedAtMicros;
        counters.committed(rows, 0, false);
        for (int i = 0; i < rows; i++) {
            counters.recordCommitLatency(latency);
        }
        counters.recordFlushLatency(latency);
    }

    /** Claims the key (a fresh or an expired record) or returns the live record someone else stored. */
    private Optional<IdempotencyKey.Stored> claim(Connection c, IdempotencyKey key, String answer) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO idempotency_keys (key, body_sha256, answer, expires_at)"
                        + " VALUES (?, ?, ?, now() + ? * interval '1 millisecond')"
                        + " ON CONFLICT (key) DO UPDATE SET body_sha256 = EXCLUDED.body_sha256, answer = EXCLUDED.answer,"
                        + " expires_at = EXCLUDED.expires_at WHERE idempotency_keys.expires_at < now()")) {
            ps.setString(1, key.value());
            ps.setBytes(2, key.bodySha256());
            ps.setString(3, answer);
            ps.setLong(4, window.toMillis());
            if (ps.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement ps =
                c.prepareStatement("SELECT body_sha256, answer FROM idempotency_keys WHERE key = ?")) {
            ps.setString(1, key.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException(
                            "idempotency record for '" + key.value() + "' vanished while it was read", "40001");
                }
                return Optional.of(new IdempotencyKey.Stored(rs.getBytes(1), rs.getString(2)));
            }
        }
    }

    private void insertRows(Connection c, List<byte[]> events, long receivedAtMicros) throws SQLException {
        for (int from = 0; from < events.size(); from += LogSink.ROWS_PER_INSERT) {
            List<byte[]> chunk = events.subList(from, Math.min(events.size(), from + LogSink.ROWS_PER_INSERT));
            try (PreparedStatement ps = c.prepareStatement(insertSql(chunk.size()))) {
                int p = 1;
                for (byte[] event : chunk) {
                    ps.setString(p++, utf8(event));
                    ps.setLong(p++, receivedAtMicros);
                    ps.setObject(p++, EventIds.toUuid(eventIds.next()));
                }
                ps.executeUpdate();
            }
        }
    }

    private String insertSql(int rows) {
        StringBuilder sql = new StringBuilder(64 + rows * 80)
                .append("INSERT INTO ")
                .append(table)
                .append(" (event, received_at, event_id) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ",").append("(?::jsonb, timestamptz 'epoch' + ? * interval '1 microsecond', ?)");
        }
        return sql.toString();
    }

    private static String utf8(byte[] event) throws SQLException {
        try {
            return LogSink.strictUtf8(event);
        } catch (LogSink.MalformedEntryException e) {
            // 22021 character_not_in_repertoire: the request's content, like any other data error
            throw new SQLException("an event is not valid UTF-8", "22021");
        }
    }

    /** Deletes expired records at most once a minute, after the request's own commit. */
    private void pruneNowAndThen() {
        long due = nextPruneAt.get();
        long now = System.nanoTime();
        if (now - due < 0 || !nextPruneAt.compareAndSet(due, now + PRUNE_EVERY_NANOS)) {
            return;
        }
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.executeUpdate("DELETE FROM idempotency_keys WHERE expires_at < now()");
        } catch (SQLException e) {
            // the next prune retries; an expired record is also reclaimed by the next request with its key
            log.warn("direct-insert - pruning expired idempotency keys failed: {}", SqlErrors.describe(e));
        }
    }
}
