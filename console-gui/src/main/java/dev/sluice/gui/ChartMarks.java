package dev.sluice.gui;

import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.StepMark;
import dev.sluice.api.MetricsSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vertical lines on the time charts: where each experiment step started (every snapshot of a
 * run lists its steps) and each hand-made knob change (listed in ONE snapshot only, so the console
 * must keep it itself, beside the chart history it belongs to). A line stays as long as a tick
 * that brought it is kept, so it is there when the charts scroll back. No JavaFX types.
 *
 * <p>Concurrency: confined to the UI thread (the live charts); {@link #of} builds its own for exports.
 */
final class ChartMarks {
    /** A step start (drawn grey) or a hand-made change (drawn thin and red). */
    enum Kind {
        STEP,
        HAND
    }

    /**
     * One line: at epoch millis, with its label, e.g. {@code 2: stream-copy / realistic} or {@code workers 10→4}.
     *
     * @param tag what a narrow live chart prints beside the line: the step's number, or the change cut short
     */
    record Mark(long atMillis, Kind kind, String label, String tag) {
        private static final int MAX_TAG = 24;

        static Mark step(long atMillis, int index, String stepLabel) {
            return new Mark(atMillis, Kind.STEP, (index + 1) + ": " + stepLabel, String.valueOf(index + 1));
        }

        static Mark hand(long atMillis, String change) {
            String tag = change.length() <= MAX_TAG ? change : change.substring(0, MAX_TAG - 1) + "…";
            return new Mark(atMillis, Kind.HAND, change, tag);
        }
    }

    /** A line and the newest kept tick that brought it: it goes when that tick leaves the history. */
    private record Kept(Mark mark, long tickMillis) {}

    private final Map<String, Kept> marks = new LinkedHashMap<>();
    private long version;

    /** The marks of these ticks (oldest first), as the live charts keep them: for exports. */
    static List<Mark> of(List<MetricsSnapshot> ticks) {
        ChartMarks m = new ChartMarks();
        ticks.forEach(m::add);
        return m.list();
    }

    /** Keeps the lines tick {@code s} brings. */
    void add(MetricsSnapshot s) {
        long tick = s.at().toEpochMilli();
        ExperimentStatus e = s.experiment();
        // one run's steps repeat in every snapshot of it: the run's start and the step's index name a line
        String run = e.startedAt() == null ? e.name() : e.startedAt().toString();
        for (StepMark step : e.steps()) {
            if (step.startedAt() != null) {
                put(
                        "step " + run + " " + step.index(),
                        Mark.step(step.startedAt().toEpochMilli(), step.index(), step.label()),
                        tick);
            }
        }
        for (ExperimentStatus.Mark hand : e.marks()) {
            long at = hand.at().toEpochMilli();
            put("hand " + at + " " + hand.label(), Mark.hand(at, hand.label()), tick);
        }
    }

    private void put(String key, Mark mark, long tick) {
        if (marks.put(key, new Kept(mark, tick)) == null) {
            version++;
        }
    }

    /** Drops the lines whose ticks are all older than {@code oldestMillis}, the oldest tick still kept. */
    void dropBefore(long oldestMillis) {
        if (marks.values().removeIf(k -> k.tickMillis() < oldestMillis)) {
            version++;
        }
    }

    /** Every kept line, oldest first. */
    List<Mark> list() {
        List<Mark> all = new ArrayList<>();
        marks.values().forEach(k -> all.add(k.mark()));
        all.sort(Comparator.comparingLong(Mark::atMillis));
        return all;
    }

    /** Changes whenever a line comes or goes: the charts redraw their lines only then. */
    long version() {
        return version;
    }
}
