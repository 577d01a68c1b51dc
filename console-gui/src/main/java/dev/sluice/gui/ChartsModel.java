package dev.sluice.gui;

import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.MetricsSnapshot;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The charts' view-model: the last {@link #CAPACITY} snapshots in time order with the lines they
 * brought ({@link ChartMarks}), and which stretch of them the charts show (live, or paused and
 * scrolled back). No JavaFX types.
 *
 * <p>Concurrency: confined to the UI thread; snapshots arrive through {@link SnapshotInbox}.
 */
final class ChartsModel {
    /** Ten minutes at the default 1 s tick: what the engine's own history keeps. */
    static final int CAPACITY = 600;

    static final List<Integer> WINDOWS_SECONDS = List.of(60, 120, 300, 600);
    private static final long MIN_VISIBLE_MILLIS = 60_000;

    private final ArrayDeque<MetricsSnapshot> history = new ArrayDeque<>();
    private final ChartMarks marks = new ChartMarks();
    private Instant lastAt = Instant.MIN;
    private int windowSeconds = 300;
    private boolean paused;
    private long pausedAtMillis;
    private int offsetSeconds;

    /** What the charts show: epoch millis, inclusive. */
    record Range(long fromMillis, long toMillis) {}

    /**
     * Keeps {@code s} if it is newer than every snapshot kept so far (a reconnect or a history
     * prefill may repeat ticks). Returns false for a repeat.
     */
    boolean accept(MetricsSnapshot s) {
        if (!s.at().isAfter(lastAt)) {
            return false;
        }
        lastAt = s.at();
        history.addLast(s);
        marks.add(s);
        while (history.size() > CAPACITY) {
            history.removeFirst();
            marks.dropBefore(history.peekFirst().at().toEpochMilli());
        }
        return true;
    }

    /** The lines on the charts (step starts, hand-made changes), kept with the history they came in. */
    ChartMarks marks() {
        return marks;
    }

    /** A copy, oldest first: for CSV, PNG and reports off the UI thread. */
    List<MetricsSnapshot> history() {
        return new ArrayList<>(history);
    }

    Optional<MetricsSnapshot> latest() {
        return Optional.ofNullable(history.peekLast());
    }

    int windowSeconds() {
        return windowSeconds;
    }

    void setWindowSeconds(int seconds) {
        if (seconds < 10 || seconds > CAPACITY * 10) {
            throw new IllegalArgumentException("chart window must be 10..6000 s, was " + seconds);
        }
        windowSeconds = seconds;
        offsetSeconds = Math.min(offsetSeconds, maxOffsetSeconds());
    }

    boolean paused() {
        return paused;
    }

    /** Freezes the charts at the newest tick (history keeps filling behind them); false returns to live. */
    void setPaused(boolean pause) {
        if (pause && !paused) {
            pausedAtMillis = latest().map(s -> s.at().toEpochMilli()).orElse(0L);
        }
        paused = pause;
        if (!pause) {
            offsetSeconds = 0;
        }
    }

    int offsetSeconds() {
        return offsetSeconds;
    }

    /** Scrolls back {@code seconds} from where the charts were paused; scrolling pauses them. */
    void setOffsetSeconds(int seconds) {
        if (seconds > 0) {
            setPaused(true);
        }
        offsetSeconds = Math.max(0, Math.min(seconds, maxOffsetSeconds()));
    }

    /** How far back the kept history lets the charts scroll from the pause point. */
    int maxOffsetSeconds() {
        if (history.isEmpty()) {
            return 0;
        }
        long end = paused ? pausedAtMillis : history.peekLast().at().toEpochMilli();
        long span = (end - history.peekFirst().at().toEpochMilli()) / 1000;
        return (int) Math.max(0, span - windowSeconds);
    }

    /**
     * The stretch of time the charts show now: the window ending at the newest tick (or where
     * paused and scrolled to). While less than the window is kept, it starts at the oldest kept
     * tick (at least a minute shown), so a fresh console is not mostly empty space.
     */
    Range visibleRange() {
        long end = paused
                ? pausedAtMillis - offsetSeconds * 1000L
                : latest().map(s -> s.at().toEpochMilli()).orElse(System.currentTimeMillis());
        long from = end - windowSeconds * 1000L;
        if (!history.isEmpty()) {
            from = Math.max(from, Math.min(history.peekFirst().at().toEpochMilli(), end - MIN_VISIBLE_MILLIS));
        }
        return new Range(from, end);
    }

    /**
     * The hover text for {@code chart} at time {@code atMillis}: the nearest kept tick's values,
     * e.g. {@code 12:00:01  accepted 1,234/s  rejected 0.0/s}, with the experiment step it belongs
     * to ({@code step 2: direct-insert / stress}; the lines on the charts carry only its number).
     * Empty when nothing is kept.
     */
    String readout(ChartDef chart, long atMillis) {
        MetricsSnapshot nearest = nearest(atMillis);
        if (nearest == null) {
            return "";
        }
        StringJoiner line = new StringJoiner("   ");
        line.add(Formats.clock(nearest.at()));
        ExperimentStatus e = nearest.experiment();
        if (e.running() && e.stepIndex() >= 0) {
            line.add("step " + (e.stepIndex() + 1) + ": " + e.stepLabel());
        }
        for (SeriesDef series : chart.series()) {
            line.add(series.name() + " " + format(chart, series, series.valueAt(nearest)));
        }
        return line.toString();
    }

    private MetricsSnapshot nearest(long atMillis) {
        MetricsSnapshot best = null;
        long bestDistance = Long.MAX_VALUE;
        for (MetricsSnapshot s : history) {
            long d = Math.abs(s.at().toEpochMilli() - atMillis);
            if (d < bestDistance) {
                best = s;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Formats one value with its chart's unit. */
    static String format(ChartDef chart, SeriesDef series, double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        String unit = series.secondary() ? chart.secondaryUnit() : chart.unit();
        return switch (unit) {
            case "ms" -> Formats.millis(Math.round(v * 1000));
            case "requests/s", "rows/s" -> Formats.rate(v);
            case "rows/flush" -> String.format(java.util.Locale.ROOT, "%.1f", v);
            default -> Formats.count(Math.round(v));
        };
    }
}
