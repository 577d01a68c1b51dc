package dev.sluice.engine.stream;

/**
 * A stream entry whose events are all finished (committed, already there, or dead-lettered), to
 * be acknowledged and deleted.
 *
 * @param id          the entry id
 * @param extraEvents the events it holds beyond one ({@link StreamEntry#entryEvents} - 1), which
 *                    come off the backlog counter when it is deleted
 */
public record FinishedEntry(String id, int extraEvents) {
    /** The entry of {@code event}. */
    public static FinishedEntry of(StreamEntry event) {
        return new FinishedEntry(event.id(), event.entryEvents() - 1);
    }
}
