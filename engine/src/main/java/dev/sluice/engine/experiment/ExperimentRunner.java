package dev.sluice.engine.experiment;

import dev.sluice.api.EngineControl;
import dev.sluice.api.ExperimentDefinition;
import dev.sluice.api.ExperimentPace;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.Phase;
import dev.sluice.api.ExperimentStatus.ResultRow;
import dev.sluice.api.ExperimentStatus.State;
import dev.sluice.api.ExperimentStatus.StepMark;
import dev.sluice.api.ExperimentStep;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.Slo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one experiment against an {@link EngineControl}: for each step, set its knobs, start its
 * load, let it warm up, measure over the measured time, stop the load, and wait until the backlog
 * has drained (the recovery), so every event the step accepted has landed before the next starts.
 * Phases end on snapshot times, so each step's window is a whole number of the engine's ticks.
 *
 * <p>Concurrency: {@link #run} runs on its own thread ({@code experiment-runner}); snapshots arrive
 * on the publisher's thread into a queue this thread reads. {@link #status} is a volatile read
 * from any thread; {@link #stop} interrupts the runner's thread.
 */
final class ExperimentRunner implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ExperimentRunner.class);
    /** Longest a step's backlog may take to drain before the runner gives up on it and moves on. */
    private static final Duration MAX_RECOVERY = Duration.ofMinutes(3);

    private final EngineControl control;
    private final ExperimentDefinition definition;
    private final ExperimentPace pace;
    private final Slo slo;
    private final List<String> columns;
    private final LongSupplier cpuNanos;
    private final StepPlan plan;
    private final BlockingQueue<MetricsSnapshot> snapshots = new LinkedBlockingQueue<>(10_000);
    private final List<StepMark> marks = new ArrayList<>();
    private final List<ResultRow> rows = new ArrayList<>();
    private final Instant startedAt = Instant.now();
    private volatile ExperimentStatus status;
    private volatile Thread thread;
    private volatile boolean stopRequested;
    private ExperimentStep step;
    private int index = -1;

    /**
     * @param control  the engine, whose own knob changes are not marked as hand-made
     * @param cpuNanos the engine process' CPU time so far
     */
    ExperimentRunner(
            EngineControl control,
            ExperimentDefinition definition,
            ExperimentPace pace,
            Slo slo,
            LongSupplier cpuNanos) {
        this.control = control;
        this.definition = definition;
        this.pace = pace;
        this.slo = slo;
        this.columns = Columns.check(definition.columns());
        this.cpuNanos = cpuNanos;
        this.plan = StepPlan.of(definition, slo);
        publish(State.RUNNING, Phase.NONE, null, null, "");
    }

    ExperimentStatus status() {
        return status;
    }

    /** Asks the run to end: the step under way is dropped, the rows so far stay. Does not wait. */
    void stop() {
        stopRequested = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try (AutoCloseable ignored = control.subscribe(snapshots::offer)) {
            MetricsSnapshot base = latest();
            for (ExperimentStep next = plan.next(); next != null; next = plan.next()) {
                base = runStep(next, base);
            }
            end(State.FINISHED, plan.summary());
        } catch (InterruptedException e) {
            end(State.STOPPED, stoppedSummary());
        } catch (Exception e) {
            log.warn("experiment - {} failed: {}", definition.name(), e.toString());
            end(State.FAILED, "failed in step " + (index + 1) + ": " + e.getMessage());
        } finally {
            control.stopLoad();
            thread = null;
        }
    }

    private MetricsSnapshot runStep(ExperimentStep next, MetricsSnapshot base) throws InterruptedException {
        step = next;
        index++;
        Instant start = Instant.now();
        marks.add(new StepMark(index, next.label(), next.title(), next.warmUp(), next.measure(), start, null, null));
        log.info("experiment - {} step {}: {}", definition.name(), index + 1, next.label());
        publish(State.RUNNING, Phase.WARM_UP, start.plus(next.warmUp()), null, "");
        control.update(next.knobs());
        control.startLoad(next.load().withDuration(null));
        StepMeasurement m = new StepMeasurement(base, next.load(), slo);

        Instant measureAt = start.plus(next.warmUp());
        MetricsSnapshot from = await(s -> !s.at().isBefore(measureAt), m, Phase.WARM_UP);
        m.startMeasuring(from, cpuNanos.getAsLong());
        setMark(from.at(), null);
        Instant measureEnd = from.at().plus(next.measure());
        publish(State.RUNNING, Phase.MEASURE, measureEnd, null, "");
        await(s -> !s.at().isBefore(measureEnd), m, Phase.MEASURE);

        control.stopLoad();
        Instant stopped = Instant.now();
        publish(State.RUNNING, Phase.RECOVER, null, null, "");
        MetricsSnapshot drained = awaitDrained(stopped, m);
        Duration recovery = drained == null ? null : max(Duration.ZERO, Duration.between(stopped, drained.at()));
        MetricsSnapshot end = drained == null ? latest() : settled(m);
        StepFigures figures = m.figures(end, recovery);
        rows.add(figures.row(next.label(), columns));
        plan.finished(next, figures);
        setMark(null, end.at());
        publish(State.RUNNING, Phase.NONE, null, null, "");
        return end;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Waits for a snapshot that meets {@code done}, feeding the measurement on the way; returns it. */
    private MetricsSnapshot await(Predicate<MetricsSnapshot> done, StepMeasurement m, Phase phase)
            throws InterruptedException {
        while (true) {
            MetricsSnapshot s = take();
            if (phase == Phase.MEASURE) {
                m.measured(s, cpuNanos.getAsLong());
            }
            if (done.test(s) && (phase != Phase.MEASURE || m.hasMeasurement())) {
                return s;
            }
        }
    }

    /** The first snapshot taken after the load stopped with nothing left in the stream; null after {@link #MAX_RECOVERY}. */
    private MetricsSnapshot awaitDrained(Instant stopped, StepMeasurement m) throws InterruptedException {
        Instant giveUp = stopped.plus(MAX_RECOVERY);
        while (true) {
            MetricsSnapshot s = take();
            m.recovering(s);
            if (s.at().isAfter(stopped)
                    && s.stream().backlog() == 0
                    && !s.load().running()) {
                return s;
            }
            if (s.at().isAfter(giveUp)) {
                log.warn("experiment - step {} did not drain within {} s", step.label(), MAX_RECOVERY.toSeconds());
                return null;
            }
        }
    }

    /**
     * The snapshot after the one that showed the stream drained, for the step's totals. A tick
     * reads the counters before it reads the stream, so a batch a worker committed and acknowledged
     * between the two reads is missing from the drained snapshot's rows committed while the stream
     * already shows it gone; the next tick counts it. Seen with 32 workers: 120,232 rows landed
     * against 122,800 events accepted, in the drained snapshot.
     */
    private MetricsSnapshot settled(StepMeasurement m) throws InterruptedException {
        MetricsSnapshot s = take();
        m.recovering(s);
        return s;
    }

    private MetricsSnapshot take() throws InterruptedException {
        if (stopRequested) {
            throw new InterruptedException("stop requested");
        }
        MetricsSnapshot s = snapshots.poll(30, TimeUnit.SECONDS);
        if (s == null) {
            throw new IllegalStateException("no snapshot from the engine for 30 s");
        }
        return s;
    }

    private MetricsSnapshot latest() throws InterruptedException {
        MetricsSnapshot s = control.snapshot();
        return s != null ? s : take();
    }

    /** Sets the current step's measurement start or end time. */
    private void setMark(Instant measureFrom, Instant endedAt) {
        StepMark last = marks.get(marks.size() - 1);
        marks.set(
                marks.size() - 1,
                new StepMark(
                        last.index(),
                        last.label(),
                        last.title(),
                        last.warmUp(),
                        last.measure(),
                        last.startedAt(),
                        measureFrom != null ? measureFrom : last.measureFrom(),
                        endedAt != null ? endedAt : last.endedAt()));
    }

    private String stoppedSummary() {
        return "stopped"
                + (step == null ? " before the first step" : " during step " + (index + 1) + " (" + step.label() + ")")
                + "; " + rows.size() + " finished step" + (rows.size() == 1 ? "" : "s") + " kept";
    }

    private void end(State state, String summary) {
        if (!marks.isEmpty() && marks.get(marks.size() - 1).endedAt() == null) {
            setMark(null, Instant.now());
        }
        publish(state, Phase.NONE, null, Instant.now(), summary);
        log.info(
                "experiment - {} {}{}",
                definition.name(),
                state.name().toLowerCase(),
                summary.isEmpty() ? "" : ": " + summary);
    }

    private void publish(State state, Phase phase, Instant phaseEnds, Instant endedAt, String summary) {
        status = new ExperimentStatus(
                definition.name(),
                definition.title(),
                state,
                pace,
                index,
                Math.max(plan.known(), index + 1),
                step == null ? "" : step.label(),
                step == null ? "" : step.title(),
                phase,
                phaseEnds,
                startedAt,
                endedAt,
                marks,
                rows,
                summary,
                List.of());
    }
}
