package dev.sluice.engine.stream;

/**
 * One event as it sits in the Redis Stream.
 *
 * @param id               the stream entry id, e.g. {@code 1732259100000-3}; kept in {@code logs.stream_id}
 * @param eventId          the engine-assigned event id, 16 raw bytes (a uuid); unique in PostgreSQL, so a
 *                         redelivered or re-sent entry never becomes a second row. Derived from {@code id}
 *                         for entries an older engine wrote without one ({@link EventIds#forLegacyEntry}).
 * @param event            the event's JSON, as the client sent it
 * @param receivedAtMicros when the API accepted it, microseconds since the epoch
 * @param redelivered      true when this entry may already have been written once (reclaimed or re-read)
 */
public record StreamEntry(String id, byte[] eventId, byte[] event, long receivedAtMicros, boolean redelivered) {}
