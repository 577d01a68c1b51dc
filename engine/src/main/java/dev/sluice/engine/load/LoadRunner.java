package dev.sluice.engine.load;

import dev.sluice.api.EngineException;
import dev.sluice.api.LoadReportFiles;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.LoadStatus;
import dev.sluice.loadgen.LoadGenerators;
import dev.sluice.loadgen.Profiles;
import dev.sluice.loadgen.api.ErrorCounts;
import dev.sluice.loadgen.api.LoadGenerator;
import dev.sluice.loadgen.api.LoadGeneratorException;
import dev.sluice.loadgen.api.LoadPlan;
import dev.sluice.loadgen.api.LoadReport;
import dev.sluice.loadgen.api.LoadState;
import dev.sluice.loadgen.api.LoadTick;
import dev.sluice.loadgen.api.Profile;
import dev.sluice.loadgen.api.StagePlan;
import dev.sluice.loadgen.api.TargetProbe;
import dev.sluice.loadgen.report.ReportWriter;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the load generator inside the engine process against the engine's own HTTP port (real
 * HTTP over loopback), for the consoles' start/stop/slider controls. One run at a time; a start
 * with the same profile and model while running only moves the users or rate.
 *
 * <p>Concurrency: {@link #start}, {@link #stop} and {@link #lastReport} are synchronized (called from request or UI
 * threads). Ticks arrive on the generator's {@code loadgen-ticker} thread and are published
 * through volatile fields that {@link #status} reads from the metrics thread.
 */
public final class LoadRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoadRunner.class);
    /** "Until stopped": the longest run a plan allows. */
    private static final Duration UNTIL_STOPPED = Duration.ofDays(7);

    private final URI target;
    private final TargetProbe probe;
    private final String ingestToken;
    private LoadGenerator current;
    private volatile LoadSpec spec;
    private volatile LoadTick lastTick;
    private volatile long startedNanos;
    private final AtomicLong errorsTotal = new AtomicLong();
    private volatile LoadReportFiles lastReport;
    /** The last finished run's report, not drawn yet: charts and HTML are made when someone asks for them. */
    private Finished unrendered;

    /**
     * @param probe       reads the engine's stream backlog, for max lag and recovery time
     * @param ingestToken the engine's {@code --ingest-token}, sent on every request so the load is
     *                    let in like any client; null when ingest is open
     */
    public LoadRunner(URI target, TargetProbe probe, String ingestToken) {
        this.target = target;
        this.probe = probe;
        this.ingestToken = ingestToken;
    }

    /**
     * Starts a run, or retargets the running one when profile and model match.
     *
     * @throws IllegalArgumentException for an unknown profile, a malformed stage plan or bad values
     * @throws EngineException          when the generator cannot connect
     */
    /** The names of the profiles {@link #start} knows, in the load generator's order. */
    public static List<String> profileNames() {
        return Profiles.builtin().all().stream().map(Profile::name).toList();
    }

    public synchronized void start(LoadSpec next) {
        if (isRunning()
                && next.profile().equals(spec.profile())
                && next.model().equals(spec.model())
                && next.stages() == null) {
            if ("open".equals(next.model())) {
                current.setTargetRate(next.rate());
            } else {
                current.setUsers(next.users());
            }
            spec = next;
            log.info("load - now {}", describe(next));
            return;
        }
        stop();
        LoadPlan plan = plan(next);
        LoadGenerator generator = LoadGenerators.create(Profiles.builtin(), Optional.of(probe), Duration.ofSeconds(30));
        generator.subscribe(tick -> {
            lastTick = tick;
            errorsTotal.addAndGet(tick.errors().total());
        });
        errorsTotal.set(0);
        lastTick = null;
        try {
            generator.start(plan);
        } catch (LoadGeneratorException e) {
            generator.close();
            throw new EngineException("load could not start: " + e.getMessage(), e);
        }
        current = generator;
        spec = next;
        startedNanos = System.nanoTime();
        log.info("load - started {}", describe(next));
    }

    private LoadPlan plan(LoadSpec s) {
        try {
            Profiles.builtin().named(s.profile());
            LoadPlan.Builder b = LoadPlan.builder(target)
                    .profile(s.profile())
                    .bearerToken(ingestToken)
                    .seed(s.seed() == null ? ThreadLocalRandom.current().nextLong() : s.seed());
            if (s.stages() != null && !s.stages().isBlank()) {
                b.stages(StagePlan.parse(s.stages(), "open".equals(s.model()) ? s.rate() : s.users()));
            } else {
                if ("open".equals(s.model())) {
                    b.rate(s.rate());
                } else {
                    b.users(s.users());
                }
                b.duration(s.duration() == null ? UNTIL_STOPPED : s.duration());
            }
            return b.build();
        } catch (LoadGeneratorException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Stops the run, if any, and waits for its in-flight requests. Idempotent. */
    public synchronized void stop() {
        if (current != null) {
            current.close();
            log.info("load - stopped {}", describe(spec));
            keepReport(current, spec);
            current = null;
        }
        spec = null;
    }

    /**
     * The report of the last run that finished; see {@link dev.sluice.api.EngineControl#lastLoadReport()}.
     * Its charts and page are drawn here, on the first call after the run ended, not when the run
     * stops: a stop (an experiment's step ends by stopping its load) then costs no chart drawing.
     */
    public synchronized Optional<LoadReportFiles> lastReport() {
        harvestFinished();
        Finished f = unrendered;
        unrendered = null;
        if (f != null) {
            try {
                lastReport = new LoadReportFiles(f.description(), f.at(), ReportWriter.render(f.report()));
            } catch (IOException | RuntimeException e) {
                // charts that could not be drawn leave the previous report
                log.warn("load - no report for {}: {}", f.description(), e.getMessage());
            }
        }
        return Optional.ofNullable(lastReport);
    }

    private record Finished(String description, Instant at, LoadReport report) {}

    /**
     * A run whose duration or stage plan ran out ends by itself (after its recovery wait): keep its
     * report and let it go. Done here, on the caller's thread, not in {@link #status()}: the metrics
     * thread must never wait for this lock while a start or stop holds it.
     */
    private synchronized void harvestFinished() {
        LoadGenerator g = current;
        if (g != null && !isRunning() && g.awaitFinished(Duration.ZERO)) {
            g.close();
            log.info("load - finished {}", describe(spec));
            keepReport(g, spec);
            current = null;
            spec = null;
        }
    }

    private void keepReport(LoadGenerator g, LoadSpec s) {
        try {
            unrendered = new Finished(describe(s), Instant.now(), g.result());
        } catch (RuntimeException e) {
            // a run that failed to start leaves the previous report
            log.warn("load - no report for {}: {}", describe(s), e.getMessage());
        }
    }

    private boolean isRunning() {
        LoadGenerator g = current;
        return g != null && (g.state() == LoadState.RUNNING || g.state() == LoadState.STARTING);
    }

    /** What the generator's own client saw over its last tick; {@link LoadStatus#IDLE} when nothing runs. */
    public LoadStatus status() {
        LoadSpec s = spec;
        LoadTick t = lastTick;
        LoadGenerator g = current;
        if (s == null || g == null || !(g.state() == LoadState.RUNNING || g.state() == LoadState.STARTING)) {
            return LoadStatus.IDLE;
        }
        long elapsed = (System.nanoTime() - startedNanos) / 1_000_000;
        if (t == null) {
            return new LoadStatus(true, s, elapsed, 0, 0, 0, 0, 0, 0, null);
        }
        return new LoadStatus(
                true,
                s,
                elapsed,
                t.requestsPerSec(),
                t.eventsPerSec(),
                t.p95Micros(),
                t.p99Micros(),
                t.errors().total(),
                errorsTotal.get(),
                describe(t.errors()));
    }

    private static String describe(ErrorCounts e) {
        if (e.total() == 0) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        if (e.status() > 0) {
            b.append(e.status()).append(" error statuses");
        }
        if (e.timeout() > 0) {
            b.append(b.length() > 0 ? ", " : "").append(e.timeout()).append(" timeouts");
        }
        if (e.connection() > 0) {
            b.append(b.length() > 0 ? ", " : "").append(e.connection()).append(" connection failures");
        }
        return b.toString();
    }

    private static String describe(LoadSpec s) {
        if (s == null) {
            return "(none)";
        }
        return s.profile() + " "
                + ("open".equals(s.model()) ? "at " + (long) s.rate() + " req/s" : "with " + s.users() + " users");
    }

    @Override
    public void close() {
        stop();
    }
}
