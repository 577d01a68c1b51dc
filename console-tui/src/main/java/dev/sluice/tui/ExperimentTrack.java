package dev.sluice.tui;

import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.Mark;
import dev.sluice.api.ExperimentStatus.StepMark;
import dev.sluice.api.MetricsSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's own record of what the charts mark: every step start it has seen (of this
 * experiment and the ones before it) and every hand-made knob change. The engine sends a knob
 * change in one snapshot only, so without this record its line would vanish a tick later; step
 * starts of an earlier experiment would vanish when the next one starts. Also notices when an
 * experiment starts that this console has not seen running, so the console can show it.
 *
 * <p>Concurrency: confined to the UI thread; {@link DashboardModel} feeds it snapshots oldest first.
 */
final class ExperimentTrack {
    /** Marks kept: far more than ten minutes of charts show in practice. */
    static final int MAX_MARKS = 300;

    private final Map<String, ChartMark> steps = new LinkedHashMap<>();
    private final List<ChartMark> knobs = new ArrayList<>();
    private long lastAtMillis = Long.MIN_VALUE;
    private String running = "";

    /**
     * Takes the marks of a snapshot newer than the last one (an older or repeated one, such as the
     * engine's history overlapping the first live ticks, is ignored).
     *
     * @return true when the snapshot shows a running experiment this console had not seen running
     */
    boolean add(MetricsSnapshot s) {
        long at = s.at().toEpochMilli();
        if (at <= lastAtMillis) {
            return false;
        }
        lastAtMillis = at;
        ExperimentStatus e = s.experiment();
        for (Mark m : e.marks()) {
            knobs.add(new ChartMark(m.at().toEpochMilli(), m.label(), false));
        }
        trim(knobs);
        for (StepMark m : e.steps()) {
            if (m.startedAt() != null) {
                steps.put(
                        key(e) + "#" + m.index(),
                        new ChartMark(m.startedAt().toEpochMilli(), String.valueOf(m.index() + 1), true));
            }
        }
        while (steps.size() > MAX_MARKS) {
            steps.remove(steps.keySet().iterator().next());
        }
        if (!e.running() || key(e).equals(running)) {
            return false;
        }
        running = key(e);
        return true;
    }

    /** Every mark, oldest first. */
    List<ChartMark> marks() {
        List<ChartMark> all = new ArrayList<>(steps.values());
        all.addAll(knobs);
        all.sort(Comparator.comparingLong(ChartMark::atMillis));
        return all;
    }

    /** One run of an experiment: its name and when it started. */
    private static String key(ExperimentStatus e) {
        return e.name() + "@" + (e.startedAt() == null ? "" : e.startedAt().toString());
    }

    private static void trim(List<ChartMark> marks) {
        if (marks.size() > MAX_MARKS) {
            marks.subList(0, marks.size() - MAX_MARKS).clear();
        }
    }
}
