package dev.sluice.engine.sink;

import dev.sluice.engine.stream.StreamEntry;
import java.sql.SQLException;
import java.util.List;

/**
 * The three writes {@link BatchWriter} makes, so its retry, split and dead-letter rules can be
 * tested against a sink that fails with a chosen SQLState. {@link LogSink} is the one production
 * implementation. Each call is one transaction: it commits everything or nothing.
 */
public interface BatchSink {
    /** One binary COPY of {@code entries}, encoded with {@code encoder}. Fails whole on any duplicate event id (23505). */
    void copy(List<StreamEntry> entries, CopyEncoder encoder) throws SQLException;

    /**
     * Inserts {@code entries}, skipping event ids already stored; safe for redelivered entries.
     * Returns the rows actually inserted.
     *
     * @throws LogSink.MalformedEntryException an entry cannot be written at all (its event is not UTF-8)
     */
    int insert(List<StreamEntry> entries) throws SQLException;

    /** Records an entry that will not be written, with the reason. Idempotent per stream id. */
    void deadLetter(StreamEntry entry, String error, int attempts) throws SQLException;
}
