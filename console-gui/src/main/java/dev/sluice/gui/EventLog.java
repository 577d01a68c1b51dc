package dev.sluice.gui;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The status panel's log of knob changes, load starts and stops, refusals, errors and connection
 * changes: newest last, capped. No JavaFX types.
 *
 * <p>Concurrency: confined to the UI thread.
 */
final class EventLog {
    static final int CAPACITY = 500;

    /** Whether an entry is an error (shown highlighted) or plain information. */
    enum Kind {
        INFO,
        ERROR
    }

    /** One line of the log. */
    record Entry(String time, Kind kind, String text) {
        @Override
        public String toString() {
            return time + "  " + text;
        }
    }

    private final Clock clock;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long added;

    EventLog(Clock clock) {
        this.clock = clock;
    }

    void info(String text) {
        add(Kind.INFO, text);
    }

    void error(String text) {
        add(Kind.ERROR, text);
    }

    private void add(Kind kind, String text) {
        entries.addLast(new Entry(Formats.clock(clock.instant()), kind, text));
        added++;
        while (entries.size() > CAPACITY) {
            entries.removeFirst();
        }
    }

    /** How many entries were ever added: a view compares it to know what is new. */
    long added() {
        return added;
    }

    /** The entries added after the first {@code seen} ones that are still kept, oldest first. */
    List<Entry> since(long seen) {
        long fresh = Math.min(added - seen, entries.size());
        List<Entry> all = new ArrayList<>(entries);
        return all.subList((int) (all.size() - fresh), all.size());
    }

    List<Entry> entries() {
        return new ArrayList<>(entries);
    }
}
