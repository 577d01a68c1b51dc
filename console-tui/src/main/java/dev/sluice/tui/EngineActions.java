package dev.sluice.tui;

import dev.sluice.api.EngineControl;
import dev.sluice.api.EngineException;
import dev.sluice.api.IngestMode;
import dev.sluice.api.Knobs;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.MetricsSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out what a key asks of the engine, off the UI thread: knob changes through
 * {@code knobs().withX(..)} and {@link EngineControl#apply}, load start, stop and live changes.
 * Each outcome, or the engine's reason for refusing, goes to the event line.
 *
 * <p>Concurrency: the UI thread calls the public methods, which only queue work; one
 * {@code tui-actions} thread runs it in order, so quick repeated keys each build on the one before
 * (with {@link Pending}, confined to that thread, bridging a remote engine's tick-late reports).
 */
final class EngineActions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EngineActions.class);
    static final List<String> PROFILES = List.of("realistic", "stress", "firehose", "read-mix");

    private final EngineControl control;
    private final DashboardModel model;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tui-actions");
        t.setDaemon(true);
        return t;
    });
    private final Pending<Knobs> pendingKnobs = new Pending<>();
    private final Pending<LoadSpec> pendingLoad = new Pending<>();
    private volatile AutoCloseable subscription;

    EngineActions(EngineControl control, DashboardModel model) {
        this.control = control;
        this.model = model;
    }

    /** Fills the charts from the engine's history, then follows its snapshots into the model. */
    void follow() {
        executor.execute(() -> {
            try {
                model.acceptAll(control.history());
            } catch (RuntimeException e) {
                log.warn("tui - no history from the engine: {}", e.toString());
            }
            subscription = control.subscribe(model::accept);
        });
    }

    void workers(int delta) {
        knobs(k -> k.withWorkers(k.workers() + delta));
    }

    void batchSize(boolean up) {
        knobs(k -> k.withBatchSize((int) step(Ladder.BATCH_SIZE, k.batchSize(), up)));
    }

    void flushInterval(boolean up) {
        knobs(k -> k.withFlushInterval(Duration.ofMillis(step(Ladder.FLUSH_MILLIS, k.flushInterval().toMillis(), up))));
    }

    void nextMode() {
        knobs(k -> k.withMode(IngestMode.values()[(k.mode().ordinal() + 1) % IngestMode.values().length]));
    }

    void togglePause() {
        knobs(k -> k.withPaused(!k.paused()));
    }

    /** Moves the high mark one ladder step and the low mark with it, keeping their ratio. */
    void waterMarks(boolean up) {
        knobs(k -> {
            int high = (int) Math.min(Integer.MAX_VALUE, step(Ladder.HIGH_WATER, k.highWater(), up));
            long low = Math.round((double) k.lowWater() * high / k.highWater());
            return k.withWaterMarks(high, (int) Math.max(1, Math.min(high - 1L, low)));
        });
    }

    private void knobs(UnaryOperator<Knobs> change) {
        executor.execute(() -> {
            try {
                Knobs before = pendingKnobs.base(control.knobs(), control.snapshot());
                Knobs after = change.apply(before);
                control.apply(after);
                pendingKnobs.set(after, control.snapshot());
                model.event(KnobChange.describe(before, after), false);
            } catch (IllegalArgumentException e) {
                model.event("refused: " + e.getMessage(), true);
            } catch (EngineException e) {
                pendingKnobs.clear();
                model.event("refused: " + e.getMessage(), true);
            }
        });
    }

    /** Starts the prepared load, or stops the running one. */
    void toggleLoad() {
        executor.execute(() -> {
            if (running() != null) {
                stopLoadNow();
            } else {
                start(model.loadDraft(), "load started: " + LoadText.summary(model.loadDraft()));
            }
        });
    }

    /** Next profile for the prepared load; a running load restarts with it. */
    void nextProfile() {
        executor.execute(() -> {
            LoadSpec draft = model.loadDraft();
            String next = PROFILES.get((PROFILES.indexOf(draft.profile()) + 1) % PROFILES.size());
            LoadSpec running = running();
            model.loadDraft(draft.withProfile(next));
            if (running == null) {
                model.event("load profile " + next + " (l starts it)", false);
                return;
            }
            stop();
            start(running.withProfile(next), "load restarted with profile " + next);
        });
    }

    /** Switches the prepared load between the closed (users) and open (rate) model; a running load restarts. */
    void toggleModel() {
        executor.execute(() -> {
            LoadSpec d = model.loadDraft();
            boolean toOpen = d.model().equals("closed");
            LoadSpec next = new LoadSpec(d.profile(), toOpen ? "open" : "closed", Math.max(1, d.users()),
                    d.rate() > 0 ? d.rate() : 100, d.duration(), d.stages(), d.seed());
            model.loadDraft(next);
            LoadSpec running = running();
            if (running == null) {
                model.event("load model " + next.model() + " (l starts it)", false);
                return;
            }
            stop();
            start(next, "load restarted, model " + next.model());
        });
    }

    /** More or fewer users (closed model) or requests/s (open model); a running load changes live. */
    void stepLoad(boolean up) {
        executor.execute(() -> {
            LoadSpec running = running();
            LoadSpec base = running != null ? pendingLoad.base(running, control.snapshot()) : model.loadDraft();
            LoadSpec next;
            try {
                next = LoadText.step(base, up);
            } catch (IllegalArgumentException e) {
                model.event("refused: " + e.getMessage(), true);
                return;
            }
            String what = LoadText.describeStep(base, next);
            model.loadDraft(next);
            if (running == null) {
                model.event(what + " (l starts the load)", false);
            } else if (start(next, what)) {
                pendingLoad.set(next, control.snapshot());
            } else {
                pendingLoad.clear();
            }
        });
    }

    private boolean start(LoadSpec spec, String what) {
        try {
            control.startLoad(spec);
            model.event(what, false);
            return true;
        } catch (IllegalArgumentException | EngineException e) {
            model.event("load refused: " + e.getMessage(), true);
            return false;
        }
    }

    private void stop() {
        try {
            control.stopLoad();
        } catch (EngineException e) {
            model.event("could not stop the load: " + e.getMessage(), true);
        }
    }

    /** Stops a running load on the calling thread (the quit path); never throws. */
    void stopLoadNow() {
        try {
            control.stopLoad();
            model.event("load stopped", false);
        } catch (RuntimeException e) {
            log.warn("tui - stopping the load failed: {}", e.toString());
            model.event("could not stop the load: " + e.getMessage(), true);
        }
    }

    /** The running load's spec, per the latest snapshot, or null. */
    private LoadSpec running() {
        MetricsSnapshot s = control.snapshot();
        return s != null && s.load().running() && s.load().spec() != null ? s.load().spec() : null;
    }

    private static long step(long[] ladder, long v, boolean up) {
        return up ? Ladder.up(ladder, v) : Ladder.down(ladder, v);
    }

    /** Waits until every queued action has run (tests; the quit path). */
    boolean awaitIdle(Duration timeout) {
        try {
            return executor.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS) == null;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** Stops following snapshots and drops queued actions. Idempotent. */
    @Override
    public void close() {
        AutoCloseable s = subscription;
        if (s != null) {
            try {
                s.close();
            } catch (Exception e) {
                log.debug("tui - closing the subscription: {}", e.toString());
            }
        }
        executor.shutdownNow();
    }
}
