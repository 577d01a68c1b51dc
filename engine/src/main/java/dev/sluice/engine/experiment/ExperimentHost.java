package dev.sluice.engine.experiment;

import dev.sluice.api.EngineControl;
import dev.sluice.api.ExperimentDefinition;
import dev.sluice.api.ExperimentRequest;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.Mark;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an engine keeps its experiments: starts one at a time on its own thread, stops it, and
 * gives each snapshot the experiment's status with the hand-made knob marks of that tick.
 *
 * <p>Concurrency: {@link #start} and {@link #stop} are synchronized (request and UI threads);
 * {@link #mark} may come from any thread; {@link #status} runs on the metrics thread and takes
 * only the marks' monitor, never this object's, so a stop that waits never holds up a tick.
 */
public final class ExperimentHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExperimentHost.class);
    private static final long STOP_WAIT_SECONDS = 30;

    private final EngineControl control;
    private final LongSupplier cpuNanos;
    private final List<Mark> marks = new ArrayList<>();
    private volatile ExperimentRunner runner;
    private Thread thread;

    /** @param control the engine, whose knob changes through it are the runner's own (never marked) */
    public ExperimentHost(EngineControl control) {
        this(control, ExperimentHost::processCpuNanos);
    }

    ExperimentHost(EngineControl control, LongSupplier cpuNanos) {
        this.control = control;
        this.cpuNanos = cpuNanos;
    }

    /** The built-in experiments at the full pace. */
    public List<ExperimentDefinition> experiments() {
        return BuiltInExperiments.all(dev.sluice.api.ExperimentPace.FULL);
    }

    /**
     * Starts {@code request} on the {@code experiment-runner} thread and returns.
     *
     * @throws IllegalArgumentException for an unknown name or a definition that cannot run
     * @throws IllegalStateException    while another runs
     */
    public synchronized void start(ExperimentRequest request) {
        ExperimentRunner current = runner;
        if (current != null && current.status().running()) {
            throw new IllegalStateException("experiment '" + current.status().name()
                    + "' is running; stop it first (DELETE /control/experiment)");
        }
        ExperimentDefinition definition = request.definition() != null
                ? Paces.apply(request.definition(), request.pace())
                : BuiltInExperiments.named(request.name(), request.pace());
        ExperimentRunner next = new ExperimentRunner(control, definition, request.pace(), request.slo(), cpuNanos);
        runner = next;
        thread = new Thread(next, "experiment-runner");
        thread.setDaemon(true);
        thread.start();
        log.info(
                "experiment - {} started ({} pace)",
                definition.name(),
                request.pace().label());
    }

    /** Stops the running experiment and waits for it to end (its load stopped). Idempotent. */
    public synchronized void stop() {
        ExperimentRunner current = runner;
        Thread t = thread;
        if (current == null || t == null) {
            return;
        }
        current.stop();
        try {
            t.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
            if (t.isAlive()) {
                log.warn("experiment - the runner did not end within {} s", STOP_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records a hand-made change for the next snapshot. */
    public void mark(String label) {
        synchronized (marks) {
            marks.add(new Mark(Instant.now(), label));
        }
    }

    /** The experiment's status with the marks made since the last call: called once per tick. */
    public ExperimentStatus status() {
        List<Mark> tick;
        synchronized (marks) {
            tick = List.copyOf(marks);
            marks.clear();
        }
        ExperimentRunner r = runner;
        ExperimentStatus s = r == null ? ExperimentStatus.NONE : r.status();
        return tick.isEmpty() ? s : s.withMarks(tick);
    }

    @Override
    public void close() {
        stop();
    }

    /** The CPU time this process used so far, every thread; 0 where the JVM does not say. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }
}
