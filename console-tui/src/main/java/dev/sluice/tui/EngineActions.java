package dev.sluice.tui;

import dev.sluice.api.EngineControl;
import dev.sluice.api.EngineException;
import dev.sluice.api.ExperimentPace;
import dev.sluice.api.ExperimentRequest;
import dev.sluice.api.IngestMode;
import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.MetricsSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out what a key asks of the engine, off the UI thread: knob changes as a
 * {@link KnobsChange} through {@link EngineControl#update} (the engine merges it and answers the
 * knobs in force), load start, stop and live changes, experiments listed, started and stopped.
 * Each outcome, or the engine's reason for refusing, goes to the event line as one line.
 *
 * <p>Concurrency: the UI thread calls the public methods, which only queue work; one
 * {@code tui-actions} thread runs it in order. A step ({@code +}, {@code ]}) reads the knobs in
 * force from the engine, not from a snapshot, so quick repeated keys each build on the one before.
 */
final class EngineActions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EngineActions.class);

    private final EngineControl control;
    private final DashboardModel model;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tui-actions");
        t.setDaemon(true);
        return t;
    });
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
        knobs(k -> KnobsChange.none().withWorkers(k.workers() + delta));
    }

    void batchSize(boolean up) {
        knobs(k -> KnobsChange.none().withBatchSize((int) step(Ladder.BATCH_SIZE, k.batchSize(), up)));
    }

    void flushInterval(boolean up) {
        knobs(k -> KnobsChange.none()
                .withFlushInterval(Duration.ofMillis(
                        step(Ladder.FLUSH_MILLIS, k.flushInterval().toMillis(), up))));
    }

    void nextMode() {
        knobs(k -> KnobsChange.none()
                .withMode(IngestMode.values()[(k.mode().ordinal() + 1) % IngestMode.values().length]));
    }

    void togglePause() {
        knobs(k -> KnobsChange.none().withPaused(!k.paused()));
    }

    /** Moves the high mark one ladder step and the low mark with it, keeping their ratio. */
    void waterMarks(boolean up) {
        knobs(k -> {
            int high = (int) Math.min(Integer.MAX_VALUE, step(Ladder.HIGH_WATER, k.highWater(), up));
            long low = Math.round((double) k.lowWater() * high / k.highWater());
            return KnobsChange.none().withWaterMarks(high, (int) Math.max(1, Math.min(high - 1L, low)));
        });
    }

    /** Asks the engine for the knobs in force, sends the change {@code step} makes of them, reports what changed. */
    private void knobs(Function<Knobs, KnobsChange> step) {
        executor.execute(() -> {
            try {
                Knobs before = control.knobs();
                Knobs after = control.update(step.apply(before));
                model.event(KnobChange.describe(before, after), false);
            } catch (IllegalArgumentException | EngineException e) {
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
            List<String> profiles;
            try {
                profiles = control.profiles();
            } catch (EngineException e) {
                model.event("no profiles from the engine: " + e.getMessage(), true);
                return;
            }
            String next = profiles.get((profiles.indexOf(draft.profile()) + 1) % profiles.size());
            LoadSpec running = running();
            if (running == null) {
                model.loadDraft(draft.withProfile(next));
                model.event("load profile " + next + " (l starts it)", false);
                return;
            }
            model.loadDraft(running.withProfile(next));
            stop();
            start(running.withProfile(next), "load restarted with profile " + next);
        });
    }

    /** Switches the prepared load between the closed (users) and open (rate) model; a running load restarts. */
    void toggleModel() {
        executor.execute(() -> {
            LoadSpec d = model.loadDraft();
            boolean toOpen = d.model().equals("closed");
            LoadSpec next = new LoadSpec(
                    d.profile(),
                    toOpen ? "open" : "closed",
                    Math.max(1, d.users()),
                    d.rate() > 0 ? d.rate() : 100,
                    d.duration(),
                    d.stages(),
                    d.seed());
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

    /**
     * More or fewer users (closed model) or requests/s (open model); a running load changes live.
     * While a load runs the draft is the spec this console last gave it, so quick presses build on
     * each other though snapshots report the load a tick late; a load of another profile or model
     * (started elsewhere) is stepped from what the engine reports.
     */
    void stepLoad(boolean up) {
        executor.execute(() -> {
            LoadSpec running = running();
            LoadSpec draft = model.loadDraft();
            boolean ours = running != null
                    && running.profile().equals(draft.profile())
                    && running.model().equals(draft.model());
            LoadSpec base = running == null || ours ? draft : running;
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
            } else if (!start(next, what)) {
                model.loadDraft(running); // refused: the next step starts from what the engine runs
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

    /** Asks the engine for its experiments and puts them (or why there are none) into the picker. */
    void listExperiments() {
        executor.execute(() -> {
            try {
                var list = control.experiments();
                model.picker(p -> p.loaded(list));
            } catch (RuntimeException e) {
                log.warn("tui - the engine listed no experiments: {}", e.toString());
                String why = oneLine(e);
                model.picker(p -> p.failed(why));
                model.event("no experiments from the engine: " + why, true);
            }
        });
    }

    /** Starts the built-in experiment {@code name} at {@code pace}; the snapshots then show it. */
    void startExperiment(String name, ExperimentPace pace) {
        executor.execute(() -> {
            try {
                control.startExperiment(ExperimentRequest.builtIn(name, pace));
                model.event("experiment " + name + " started at the " + pace.label() + " pace", false);
            } catch (RuntimeException e) {
                // one already running, engine down or away: the engine's reason, on one line
                log.warn("tui - experiment {} refused: {}", name, e.toString());
                model.event("experiment refused: " + oneLine(e), true);
            }
        });
    }

    /** Stops the running experiment; the rows of its finished steps stay. */
    void stopExperiment() {
        executor.execute(this::stopExperimentNow);
    }

    /** Stops the running experiment on the calling thread (the quit path too); never throws. */
    void stopExperimentNow() {
        try {
            control.stopExperiment();
            model.event("experiment stopped; the rows of its finished steps stay", false);
        } catch (RuntimeException e) {
            log.warn("tui - stopping the experiment failed: {}", e.toString());
            model.event("could not stop the experiment: " + oneLine(e), true);
        }
    }

    /** An exception as one line for the event line: its message without line breaks, or its kind when it has none. */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.strip().replaceAll("\\s*\\R\\s*", " ");
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
        return s != null && s.load().running() && s.load().spec() != null
                ? s.load().spec()
                : null;
    }

    private static long step(long[] ladder, long v, boolean up) {
        return up ? Ladder.up(ladder, v) : Ladder.down(ladder, v);
    }

    /** Waits until every queued action has run (tests; the quit path). */
    boolean awaitIdle(Duration timeout) {
        try {
            return executor.submit(() -> {}).get(timeout.toMillis(), TimeUnit.MILLISECONDS) == null;
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
