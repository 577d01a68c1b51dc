package dev.sluice.engine.stream;

/**
 * One event as it sits in the Redis Stream: the whole of a single-event entry, or one event of a
 * packed entry ({@link PackedEvents}).
 *
 * @param id               the stream entry id, e.g. {@code 1732259100000-3}: what is acknowledged
 * @param key              the event's own name, kept in {@code logs.stream_id} and {@code
 *                         dead_letters.stream_id}: the entry id for a single-event entry, {@code
 *                         <entry id>#<index>} for an event of a packed one
 * @param entryEvents      how many events the entry holds (1 for a single-event entry); the entry
 *                         is acknowledged once all of them are finished
 * @param eventId          the engine-assigned event id, 16 raw bytes (a uuid); unique in PostgreSQL, so a
 *                         redelivered or re-sent entry never becomes a second row. Derived from {@code id}
 *                         for entries an older engine wrote without one ({@link EventIds#forLegacyEntry}).
 * @param event            the event's JSON, as the client sent it; null for an entry deleted while
 *                         pending, empty for a malformed one
 * @param receivedAtMicros when the API accepted it, microseconds since the epoch
 * @param redelivered      true when this entry may already have been written once (reclaimed or re-read)
 */
public record StreamEntry(
        String id,
        String key,
        int entryEvents,
        byte[] eventId,
        byte[] event,
        long receivedAtMicros,
        boolean redelivered) {

    /** The event of a single-event entry. */
    public StreamEntry(String id, byte[] eventId, byte[] event, long receivedAtMicros, boolean redelivered) {
        this(id, id, 1, eventId, event, receivedAtMicros, redelivered);
    }

    /** The {@code index}-th of the {@code entryEvents} events of packed entry {@code id}. */
    public static StreamEntry packed(
            String id,
            int index,
            int entryEvents,
            byte[] eventId,
            byte[] event,
            long receivedAtMicros,
            boolean redelivered) {
        return new StreamEntry(id, id + "#" + index, entryEvents, eventId, event, receivedAtMicros, redelivered);
    }
}
