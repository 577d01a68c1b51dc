package dev.sluice.engine.sink;

import java.util.List;

/** The rows already in PostgreSQL, for {@code GET /messages}. */
public interface StoredEvents {
    /**
     * The newest {@code n} rows, newest first. Blocks on PostgreSQL.
     *
     * @throws SinkUnavailableException PostgreSQL did not answer
     */
    List<StoredEvent> latest(int n);
}
