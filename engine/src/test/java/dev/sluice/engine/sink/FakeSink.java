package dev.sluice.engine.sink;

import dev.sluice.engine.stream.EventIds;
import dev.sluice.engine.stream.StreamEntry;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@link BatchSink} in memory that behaves like the {@code logs} table where it matters to the
 * writer: event ids are UNIQUE (COPY of a stored id fails whole with 23505, insert skips it), a
 * write is all or nothing, and the test picks which writes fail with which SQLState.
 *
 * <p>Concurrency: every method is synchronized; worker threads write while the test thread reads.
 */
public final class FakeSink implements BatchSink {
    public enum Op {
        COPY,
        INSERT
    }

    /** One write call and the stream ids it carried, whether it committed or not. */
    public record Call(Op op, List<String> ids) {}

    public record DeadLetter(String id, String error, int attempts) {}

    private final Map<UUID, String> rows = new LinkedHashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final Map<Integer, String> failAtWrite = new HashMap<>();
    private String rejectMarker;
    private String rejectState;
    private String failAllWrites;
    private String failDeadLetters;
    private int writes;

    /** Writes holding an event that contains {@code marker} fail with {@code sqlState}, as PostgreSQL refuses bad content. */
    public synchronized FakeSink rejectEventsContaining(String marker, String sqlState) {
        rejectMarker = marker;
        rejectState = sqlState;
        return this;
    }

    public synchronized void stopRejecting() {
        rejectMarker = null;
    }

    /** The {@code nth} write from the start (copy or insert, counting from 1) fails with {@code sqlState}. */
    public synchronized FakeSink failWrite(int nth, String sqlState) {
        failAtWrite.put(nth, sqlState);
        return this;
    }

    /** Every write fails with {@code sqlState} (null: a failure without one) until {@link #heal}. */
    public synchronized FakeSink failAllWrites(String sqlState) {
        failAllWrites = sqlState == null ? "" : sqlState;
        return this;
    }

    public synchronized FakeSink failDeadLetters(String sqlState) {
        failDeadLetters = sqlState;
        return this;
    }

    public synchronized void heal() {
        failAllWrites = null;
        failDeadLetters = null;
    }

    /** Puts a row in place beforehand, as a write before a crash would have. */
    public synchronized void store(StreamEntry e) {
        rows.put(EventIds.toUuid(e.eventId()), e.id());
    }

    @Override
    public synchronized void copy(List<StreamEntry> entries, CopyEncoder encoder) throws SQLException {
        write(Op.COPY, entries);
        for (StreamEntry e : entries) {
            if (rows.containsKey(EventIds.toUuid(e.eventId()))) {
                throw new SQLException(
                        "duplicate key value violates unique constraint \"logs_received_at_event_id_key\"", "23505");
            }
        }
        entries.forEach(e -> rows.put(EventIds.toUuid(e.eventId()), e.id()));
    }

    @Override
    public synchronized int insert(List<StreamEntry> entries) throws SQLException {
        write(Op.INSERT, entries);
        entries.forEach(e -> LogSink.strictUtf8(e.event()));
        int inserted = 0;
        for (StreamEntry e : entries) {
            if (rows.putIfAbsent(EventIds.toUuid(e.eventId()), e.id()) == null) {
                inserted++;
            }
        }
        return inserted;
    }

    @Override
    public synchronized void deadLetter(StreamEntry entry, String error, int attempts) throws SQLException {
        if (failDeadLetters != null) {
            throw new SQLException("connection to dead_letters lost", failDeadLetters);
        }
        if (deadLetters.stream().noneMatch(d -> d.id().equals(entry.id()))) {
            deadLetters.add(new DeadLetter(entry.id(), error, attempts));
        }
    }

    /** Stream ids of the stored rows, in the order they were stored. */
    public synchronized List<String> storedIds() {
        return List.copyOf(rows.values());
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /** True when the entry is stored or dead-lettered: nothing more but an acknowledgement is owed for it. */
    public synchronized boolean finished(String streamId) {
        return rows.containsValue(streamId) || deadLetters.stream().anyMatch(d -> d.id().equals(streamId));
    }

    private void write(Op op, List<StreamEntry> entries) throws SQLException {
        calls.add(new Call(op, entries.stream().map(StreamEntry::id).toList()));
        String chosen = failAtWrite.remove(++writes);
        if (chosen != null) {
            throw new SQLException("the database is unwell", chosen);
        }
        if (failAllWrites != null) {
            throw new SQLException("the database is unwell", failAllWrites.isEmpty() ? null : failAllWrites);
        }
        for (StreamEntry e : entries) {
            if (rejectMarker != null && new String(e.event(), StandardCharsets.UTF_8).contains(rejectMarker)) {
                throw new SQLException(
                        "ERROR: the content of " + e.id() + " is refused\n  Where: COPY logs, line 1", rejectState);
            }
            if (op == Op.COPY && !validUtf8(e.event())) {
                throw new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\"", "22021");
            }
        }
    }

    private static boolean validUtf8(byte[] bytes) {
        try {
            LogSink.strictUtf8(bytes);
            return true;
        } catch (LogSink.MalformedEntryException e) {
            return false;
        }
    }
}
