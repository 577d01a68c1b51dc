package dev.sluice.tui;

import dev.sluice.api.ExperimentPace;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.MetricsSnapshot;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * What the console shows, without any Lanterna type: the latest snapshot and the samples behind
 * the charts, the event line, the load the user is preparing, and which overlay is open; the marks
 * of experiment steps and hand-made knob changes ({@link ExperimentTrack}), the experiment picker
 * and whether the experiment banner is hidden.
 *
 * <p>Concurrency: {@link #accept} runs on the engine's metrics thread (remote: its stream reader)
 * and only queues the snapshot under {@code inbox}'s lock. {@link #takeLatest} runs on the UI
 * thread on its own timer and moves queued snapshots into the UI-confined history, so no tick is
 * lost and the UI never renders per snapshot. {@link #event} and {@link #loadDraft} are written by
 * the action thread and read by the UI thread through volatile fields; {@link #picker} is replaced
 * atomically by both (the UI moves the choice, the action thread fills in the list). Everything
 * else is UI-thread only.
 */
final class DashboardModel {
    /** Snapshots kept waiting for a UI that stalls: a little over the history the charts hold. */
    private static final int INBOX_LIMIT = 2 * SampleHistory.CAPACITY;

    /** The event line: what just changed, or the engine's reason for refusing it. */
    record Event(String text, boolean error, long atMillis) {}

    /** What covers the dashboard, if anything. */
    enum Overlay {
        NONE,
        HELP,
        CONFIRM_QUIT,
        CONFIRM_STOP,
        PICK_EXPERIMENT
    }

    /**
     * What fills the middle of the dashboard: the charts of {@code POST /write}, the queue and items
     * workloads, the engine nodes on the stream, or the experiment's results table.
     */
    enum View {
        CHARTS("charts"),
        WORKLOADS("workloads"),
        NODES("nodes"),
        EXPERIMENT("experiment");

        final String label;

        View(String label) {
            this.label = label;
        }

        /** The view after this one; the experiment's only once an experiment ran, else there is nothing to show. */
        View next(boolean experiment) {
            View next = values()[(ordinal() + 1) % values().length];
            return next == EXPERIMENT && !experiment ? CHARTS : next;
        }
    }

    /** How much time the charts cover: one tick per plotted column, or a fixed span compressed to fit. */
    enum Span {
        LIVE(0, "live"),
        FIVE_MINUTES(300_000, "5m"),
        TEN_MINUTES(600_000, "10m");

        final long millis;
        final String label;

        Span(long millis, String label) {
            this.millis = millis;
            this.label = label;
        }

        Span next() {
            return values()[(ordinal() + 1) % values().length];
        }
    }

    private final ArrayDeque<MetricsSnapshot> inbox = new ArrayDeque<>();
    private final SampleHistory history = new SampleHistory();
    private final ExperimentTrack track = new ExperimentTrack();
    private final AtomicReference<ExperimentPicker> picker =
            new AtomicReference<>(ExperimentPicker.asking(ExperimentPace.QUICK));
    private final Clock clock;
    private volatile Event event;
    private volatile LoadSpec loadDraft = LoadSpec.closed("realistic", 10);
    private volatile Runnable onEvent = () -> {};
    private MetricsSnapshot latest;
    private boolean connected = true;
    private Overlay overlay = Overlay.NONE;
    private Span span = Span.LIVE;
    private View view = View.CHARTS;
    private boolean bannerHidden;

    DashboardModel(Clock clock) {
        this.clock = clock;
        this.event = new Event("press ? for keys, w for the queue and items workloads", false, clock.millis());
    }

    /** Metrics thread: queue the snapshot; nothing else happens here. */
    void accept(MetricsSnapshot s) {
        if (s == null) {
            return;
        }
        synchronized (inbox) {
            if (inbox.size() == INBOX_LIMIT) {
                inbox.removeFirst();
            }
            inbox.addLast(s);
        }
    }

    /** Any thread: queue older snapshots (the engine's history) to fill the charts at start. */
    void acceptAll(Collection<MetricsSnapshot> snapshots) {
        snapshots.forEach(this::accept);
    }

    /**
     * UI thread: moves every queued snapshot into the chart history and returns the newest, if
     * anything arrived since the last call.
     */
    Optional<MetricsSnapshot> takeLatest() {
        List<MetricsSnapshot> taken;
        synchronized (inbox) {
            if (inbox.isEmpty()) {
                return Optional.empty();
            }
            taken = new ArrayList<>(inbox);
            inbox.clear();
        }
        taken.sort((a, b) -> a.at().compareTo(b.at()));
        for (MetricsSnapshot s : taken) {
            history.add(Sample.of(s));
            if (track.add(s)) {
                // an experiment started (here or from another console): show it, banner and table
                view = View.EXPERIMENT;
                bannerHidden = false;
            }
        }
        MetricsSnapshot newest = taken.get(taken.size() - 1);
        if (latest == null || !newest.at().isBefore(latest.at())) {
            latest = newest;
        }
        return Optional.of(latest);
    }

    /** UI thread: the snapshot on screen, or null before the first one. */
    MetricsSnapshot latest() {
        return latest;
    }

    SampleHistory history() {
        return history;
    }

    /** UI thread: every step start and hand-made knob change seen, oldest first, for the charts. */
    List<ChartMark> marks() {
        return track.marks();
    }

    /** UI thread: the experiment running or last run, per the latest snapshot; {@link ExperimentStatus#NONE} if none. */
    ExperimentStatus experiment() {
        return latest == null ? ExperimentStatus.NONE : latest.experiment();
    }

    /** UI thread: true once an experiment ran on the engine (so the banner and the experiment view have something). */
    boolean experimentShown() {
        return experiment().state() != ExperimentStatus.State.IDLE;
    }

    /** UI thread: the view {@code w} switches to. */
    View nextView() {
        return view.next(experimentShown());
    }

    /** UI thread: the banner is drawn while an experiment is shown and nobody hid it (a new one shows it again). */
    boolean bannerShown() {
        return experimentShown() && !bannerHidden;
    }

    void bannerHidden(boolean hidden) {
        bannerHidden = hidden;
    }

    /** Any thread: the picker as it is now. */
    ExperimentPicker picker() {
        return picker.get();
    }

    /** Any thread: replaces the picker with {@code change} of it and wakes the UI. */
    void picker(UnaryOperator<ExperimentPicker> change) {
        picker.updateAndGet(change);
        onEvent.run();
    }

    /** Any thread: sets the event line and wakes the UI so it shows at once. */
    void event(String text, boolean error) {
        event = new Event(text, error, clock.millis());
        onEvent.run();
    }

    Event event() {
        return event;
    }

    /** The load the user is preparing (profile, model, users, rate); shown while no load runs. */
    LoadSpec loadDraft() {
        return loadDraft;
    }

    void loadDraft(LoadSpec spec) {
        loadDraft = spec;
    }

    /** Called after every {@link #event}; the runner passes a wake-up of the UI loop. */
    void onEvent(Runnable r) {
        onEvent = r;
    }

    boolean connected() {
        return connected;
    }

    void connected(boolean c) {
        connected = c;
    }

    Overlay overlay() {
        return overlay;
    }

    void overlay(Overlay o) {
        overlay = o;
    }

    Span span() {
        return span;
    }

    void span(Span s) {
        span = s;
    }

    View view() {
        return view;
    }

    void view(View v) {
        view = v;
    }

    long nowMillis() {
        return clock.millis();
    }
}
