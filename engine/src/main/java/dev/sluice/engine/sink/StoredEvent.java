package dev.sluice.engine.sink;

import java.time.Instant;

/** One stored row, as {@code GET /messages} shows it. {@code eventJson} is PostgreSQL's rendering of the jsonb. */
public record StoredEvent(
        long id, String eventJson, Instant receivedAt, Instant createdAt, String streamId, String eventId) {}
