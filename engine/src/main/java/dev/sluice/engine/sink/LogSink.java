package dev.sluice.engine.sink;

import dev.sluice.engine.metrics.IngestCounters;
import dev.sluice.engine.stream.EventIds;
import dev.sluice.engine.stream.IdempotencyKey;
import dev.sluice.engine.stream.StreamEntry;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes events to the {@code logs} table and reads them back. Each write method is one
 * transaction: it commits everything or nothing. {@code GET /messages} reads through {@link StoredEvents}.
 *
 * <p>Concurrency: thread-safe; every call borrows its own pooled connection.
 */
public final class LogSink implements BatchSink, StoredEvents {
    /** Rows per INSERT statement; keeps bind parameters under PostgreSQL's 65,535. */
    static final int ROWS_PER_INSERT = 1000;

    private final DataSource pool;
    private final String table;
    private final String copySql;
    private final DirectInsert direct;

    /**
     * @param idempotencyWindow how long direct-insert keeps an Idempotency-Key record
     * @param counters          where direct-insert counts its commits (the workers' {@link BatchWriter} counts theirs)
     */
    public LogSink(DataSource pool, String table, Duration idempotencyWindow, IngestCounters counters) {
        this.pool = pool;
        this.table = table;
        this.copySql = "COPY " + table + " (event, received_at, stream_id, event_id) FROM STDIN (FORMAT binary)";
        this.direct = new DirectInsert(pool, table, idempotencyWindow, counters);
    }

    /** The fast path: one binary COPY. Fails whole on any duplicate (event id, received at) pair (23505). */
    @Override
    public void copy(List<StreamEntry> entries, CopyEncoder encoder) throws SQLException {
        CopyEncoder encoded = encoder.encode(entries);
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
                try {
                    copy.writeToCopy(encoded.bytes(), 0, encoded.length());
                    copy.endCopy();
                } finally {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    /**
     * Multi-row INSERT that skips event ids already present (and, for entries of an older engine,
     * stream ids of rows written before event ids existed), so it is safe for redelivered entries. Used by the {@code stream-insert} mode and to retry a batch COPY refused as duplicate.
     * Returns the rows actually inserted.
     */
    @Override
    public int insert(List<StreamEntry> entries) throws SQLException {
        int inserted = 0;
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (int from = 0; from < entries.size(); from += ROWS_PER_INSERT) {
                    List<StreamEntry> chunk = entries.subList(from, Math.min(entries.size(), from + ROWS_PER_INSERT));
                    try (PreparedStatement ps = c.prepareStatement(insertSql(chunk.size()))) {
                        int p = 1;
                        for (StreamEntry e : chunk) {
                            ps.setString(p++, strictUtf8(e.event()));
                            ps.setLong(p++, e.receivedAtMicros());
                            ps.setString(p++, e.key());
                            ps.setObject(p++, EventIds.toUuid(e.eventId()));
                        }
                        inserted += ps.executeUpdate();
                    }
                }
                c.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    /**
     * The direct-insert mode: all {@code events} in one transaction, all or nothing, each with a new
     * event id. With {@code key} (may be null), the Idempotency-Key record is written in the same
     * transaction: if the key already has one, nothing is inserted and the record is returned;
     * otherwise {@code answer} is recorded and the result is empty. Blocks on PostgreSQL. Counts the
     * commit in the {@link IngestCounters}.
     *
     * @throws SQLException the transaction rolled back; {@link #isContentFault} tells whether the
     *                      events themselves were refused
     */
    public Optional<IdempotencyKey.Stored> insertDirect(
            List<byte[]> events, long receivedAtMicros, IdempotencyKey key, String answer) throws SQLException {
        return direct.insert(events, receivedAtMicros, key, answer);
    }

    /** True when PostgreSQL refused the rows for their content (data or integrity errors), not for being unwell. */
    public static boolean isContentFault(SQLException e) {
        return SqlErrors.isEntryFault(e);
    }

    /** Records an event that will not be written, with the reason. Idempotent per {@link StreamEntry#key}. */
    @Override
    public void deadLetter(StreamEntry entry, String error, int attempts) throws SQLException {
        deadLetter(pool, "", entry, error, attempts);
    }

    /**
     * Records {@code entry} in {@code dead_letters} as {@code streamPrefix + key}, with the reason;
     * idempotent per key. Any stream's sink may use it: the prefix keeps another stream's entry
     * ids (which may coincide with the log's) apart.
     */
    public static void deadLetter(DataSource pool, String streamPrefix, StreamEntry entry, String error, int attempts)
            throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("INSERT INTO dead_letters (stream_id, payload, received_at, error, attempts)"
                                + " VALUES (?, ?, CASE WHEN ? > 0 THEN timestamptz 'epoch' + ? * interval '1 microsecond' END, ?, ?)"
                                + " ON CONFLICT (stream_id) DO NOTHING")) {
            ps.setString(1, streamPrefix + entry.key());
            ps.setBytes(2, entry.event());
            ps.setLong(3, entry.receivedAtMicros());
            ps.setLong(4, entry.receivedAtMicros());
            ps.setString(5, error);
            ps.setInt(6, attempts);
            ps.executeUpdate();
        }
    }

    @Override
    public List<StoredEvent> latest(int n) {
        try {
            return readLatest(n);
        } catch (SQLException e) {
            throw new SinkUnavailableException(
                    "PostgreSQL did not answer: "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                    e);
        }
    }

    private List<StoredEvent> readLatest(int n) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT id, event::text, received_at, created_at, stream_id, event_id FROM "
                                + table + " ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, n);
            List<StoredEvent> rows = new ArrayList<>(n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new StoredEvent(
                            rs.getLong(1),
                            rs.getString(2),
                            instant(rs.getTimestamp(3)),
                            instant(rs.getTimestamp(4)),
                            rs.getString(5),
                            rs.getString(6)));
                }
            }
            return rows;
        }
    }

    /** Answers when a connection can be had and PostgreSQL replies to a trivial query. */
    public boolean ping() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private String insertSql(int rows) {
        StringBuilder sql = new StringBuilder(256 + rows * 90)
                .append("INSERT INTO ")
                .append(table)
                .append(" (event, received_at, stream_id, event_id)")
                .append(" SELECT v.event, v.received_at, v.stream_id, v.event_id FROM (VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ",")
                    .append("(?::jsonb, timestamptz 'epoch' + ? * interval '1 microsecond', ?::text, ?::uuid)");
        }
        // the NOT EXISTS reads the partial index of rows from before event ids (empty on a new install)
        return sql.append(") AS v(event, received_at, stream_id, event_id) WHERE NOT EXISTS (SELECT 1 FROM ")
                .append(table)
                .append(" l WHERE l.event_id IS NULL AND l.stream_id = v.stream_id COLLATE \"C\")")
                // the partition key is part of every unique constraint of logs (V4); a redelivery carries both
                .append(" ON CONFLICT (event_id, received_at) DO NOTHING")
                .toString();
    }

    /** Decodes strictly: bytes that are not UTF-8 are the entry's fault, not something to paper over. */
    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedEntryException("event is not valid UTF-8");
        }
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    public static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure is what matters; a dead connection is evicted by the pool
        }
    }

    /** The entry itself is unusable (not UTF-8, missing fields): retrying cannot help. */
    static final class MalformedEntryException extends RuntimeException {
        MalformedEntryException(String message) {
            super(message, null, false, false);
        }
    }
}
