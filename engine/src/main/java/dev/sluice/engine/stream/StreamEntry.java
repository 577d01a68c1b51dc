package dev.sluice.engine.stream;

/**
 * One event as it sits in the Redis Stream.
 *
 * @param id               the stream entry id, e.g. {@code 1732259100000-3}; unique in PostgreSQL too
 * @param event            the event's JSON, as the client sent it
 * @param receivedAtMicros when the API accepted it, microseconds since the epoch
 * @param redelivered      true when this entry may already have been written once (reclaimed or re-read)
 */
public record StreamEntry(String id, byte[] event, long receivedAtMicros, boolean redelivered) {
}
