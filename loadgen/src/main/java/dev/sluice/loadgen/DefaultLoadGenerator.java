package dev.sluice.loadgen;

import dev.sluice.api.Subscribers;
import dev.sluice.loadgen.api.LoadGenerator;
import dev.sluice.loadgen.api.LoadGeneratorException;
import dev.sluice.loadgen.api.LoadModel;
import dev.sluice.loadgen.api.LoadPlan;
import dev.sluice.loadgen.api.LoadReport;
import dev.sluice.loadgen.api.LoadState;
import dev.sluice.loadgen.api.LoadTick;
import dev.sluice.loadgen.api.Profile;
import dev.sluice.loadgen.api.TargetProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LoadGenerator}: lifecycle, stage steering and the stop sequence. Requests are sent by
 * the {@link WorkerGroup}; ticks are built on {@code loadgen-ticker}; the run is steered (stages,
 * end of duration, stop, recovery wait) on {@code loadgen-control}.
 *
 * <p>Concurrency: {@code state} moves forward by CAS. {@code plan}, {@code workers}, {@code ticks},
 * the executors and {@code startNanos} are written once in {@link #start} before the executors
 * are started (which publishes them to those threads); API callers read them only after seeing
 * RUNNING or a later state through the atomic {@code state}. {@link Steering} arbitrates stage steps
 * against live changes. {@code ticks} is touched only on the ticker thread until it has terminated.
 */
final class DefaultLoadGenerator implements LoadGenerator {
    private static final Logger log = LoggerFactory.getLogger(DefaultLoadGenerator.class);

    private final Profiles profiles;
    private final Probe probe;
    private final Duration maxRecoveryWait;
    private final AtomicReference<LoadState> state = new AtomicReference<>(LoadState.CREATED);
    private final AtomicReference<LoadTick> last = new AtomicReference<>();
    private final Subscribers<LoadTick> subscribers = new Subscribers<>(log, "loadgen");
    private final CountDownLatch sendingStopped = new CountDownLatch(1);
    private final Recovery recovery;
    private final CompletableFuture<LoadReport> result = new CompletableFuture<>();
    private LoadPlan plan;
    private Measurements measurements;
    private WorkerGroup workers;
    private TickBuilder ticks;
    private ScheduledExecutorService ticker;
    private ScheduledExecutorService control;
    private long startNanos;
    private Instant startedAt;
    private volatile long stopNanos;
    private volatile boolean stoppedEarly;
    private volatile Steering steering;

    DefaultLoadGenerator(Profiles profiles, Optional<TargetProbe> probe, Duration maxRecoveryWait) {
        this.profiles = profiles;
        this.probe = new Probe(probe);
        this.recovery = new Recovery(this.probe);
        this.maxRecoveryWait = maxRecoveryWait;
    }

    @Override
    public void start(LoadPlan plan) {
        if (plan == null) {
            throw new IllegalArgumentException("plan must be set");
        }
        if (!state.compareAndSet(LoadState.CREATED, LoadState.STARTING)) {
            throw new IllegalStateException(
                    "a load generator is single-use; it is " + state.get() + ", create another");
        }
        this.plan = plan;
        try {
            Profile profile;
            try {
                profile = profiles.named(plan.profile());
            } catch (IllegalArgumentException e) {
                throw new LoadGeneratorException(e.getMessage(), e);
            }
            measurements = new Measurements(plan.ioThreads());
            RunContext run = new RunContext(
                    Target.of(plan.target(), plan.bearerToken()),
                    profile,
                    plan.model(),
                    plan.seed(),
                    plan.requestTimeout().toNanos(),
                    (int) Math.min(Integer.MAX_VALUE, plan.connectTimeout().toMillis()),
                    measurements,
                    new AtomicLong(plan.requestLimit() == 0 ? Long.MAX_VALUE : plan.requestLimit()));
            workers = new WorkerGroup(plan.ioThreads(), run);
            int connected = workers.connect(
                    plan.connections(), plan.connectTimeout(), plan.target().toString());
            startNanos = System.nanoTime();
            startedAt = Instant.now();
            ticks = new TickBuilder(measurements, startNanos);
            Steering steer = new Steering(plan, workers);
            steering = steer;
            ticker = Executors.newSingleThreadScheduledExecutor(new NamedThreads("loadgen-ticker", false));
            control = Executors.newSingleThreadScheduledExecutor(new NamedThreads("loadgen-control", false));
            ticker.scheduleAtFixedRate(this::tick, 1000, 1000, TimeUnit.MILLISECONDS);
            control.scheduleAtFixedRate(this::steer, 100, 100, TimeUnit.MILLISECONDS);
            // everything stop() and the setters touch exists before RUNNING makes them callable
            state.set(LoadState.RUNNING);
            workers.begin(steer.rate(), steer.users());
            log.info(
                    "loadgen - running {} {} against {}: {} of {} connections up, {} for {}",
                    plan.profile(),
                    plan.model() == LoadModel.OPEN ? steer.rate() + " req/s" : steer.users() + " users",
                    plan.target(),
                    connected,
                    plan.connections(),
                    plan.stages().isEmpty() ? "constant load" : plan.stages().size() + " stages",
                    plan.duration());
        } catch (RuntimeException e) {
            state.set(LoadState.FAILED);
            if (workers != null) {
                workers.close(Duration.ofSeconds(1));
            }
            if (ticker != null) {
                ticker.shutdownNow();
                control.shutdownNow();
            }
            sendingStopped.countDown();
            LoadGeneratorException failure = e instanceof LoadGeneratorException lge
                    ? lge
                    : new LoadGeneratorException("load generator failed to start: " + e, e);
            result.completeExceptionally(failure);
            throw failure;
        }
    }

    /** Every 100 ms on loadgen-control: follow the stages, end the run when its time is up. */
    private void steer() {
        if (state.get() != LoadState.RUNNING) {
            return;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        boolean limitDone = plan.requestLimit() > 0 && measurements.totals().requests() >= plan.requestLimit();
        if (elapsed.compareTo(plan.duration()) >= 0 || limitDone) {
            if (state.compareAndSet(LoadState.RUNNING, LoadState.STOPPING)) {
                finish();
            }
            return;
        }
        steering.follow(elapsed);
    }

    /** The stop sequence, on loadgen-control: stop sending, drain, close, recover, report. */
    private void finish() {
        try {
            stopNanos = System.nanoTime();
            workers.stopSending();
            long drainDeadline = stopNanos + plan.requestTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
            while (measurements.inFlight() > 0 && System.nanoTime() < drainDeadline) {
                Thread.sleep(5);
            }
            long loadEnd = System.nanoTime();
            workers.close(Duration.ofSeconds(2));
            sendingStopped.countDown();
            ticker.submit(this::tick).get(5, TimeUnit.SECONDS);
            if (probe.present()) {
                state.set(LoadState.RECOVERING);
                recovery.begin(stopNanos);
                ticker.scheduleAtFixedRate(recovery::poll, 0, 200, TimeUnit.MILLISECONDS);
                if (!recovery.await(maxRecoveryWait)) {
                    if (recovery.cancelled()) {
                        log.info("loadgen - recovery wait cut short by close; recovery time unknown");
                    } else {
                        log.warn(
                                "loadgen - target backlog did not reach 0 within {} after load stopped",
                                maxRecoveryWait);
                    }
                }
                // a last tick, so the series (and the lag chart) ends on the reading that ended the wait
                ticker.submit(this::tick).get(5, TimeUnit.SECONDS);
            }
            ticker.shutdownNow();
            if (!ticker.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("loadgen - ticker did not stop within 5 s");
            }
            LoadReport report = new ReportAssembler(plan, measurements, ticks)
                    .assemble(
                            startedAt,
                            Duration.ofNanos(loadEnd - startNanos),
                            probe.maxBacklog(),
                            recovery.time(),
                            stoppedEarly);
            // FINISHED first: whoever result() wakes must already see it
            state.set(LoadState.FINISHED);
            result.complete(report);
            log.info("loadgen - finished after {}", Duration.ofNanos(loadEnd - startNanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            fail(e);
        } finally {
            sendingStopped.countDown();
            control.shutdown();
        }
    }

    private void fail(Exception e) {
        log.error("loadgen - run failed while stopping: {}", e.toString(), e);
        state.set(LoadState.FAILED);
        result.completeExceptionally(new LoadGeneratorException("load run failed while stopping: " + e, e));
        ticker.shutdownNow();
    }

    private void tick() {
        LoadTick t = ticks.next(System.nanoTime(), state.get(), users(), targetRate(), probe.read());
        last.set(t);
        subscribers.publish(t);
    }

    @Override
    public void stop() {
        if (state.compareAndSet(LoadState.RUNNING, LoadState.STOPPING)) {
            stoppedEarly = true;
            control.execute(this::finish);
        }
        if (state.get() == LoadState.CREATED) {
            return;
        }
        try {
            if (!sendingStopped.await(plan.requestTimeout().toMillis() + 5000, TimeUnit.MILLISECONDS)) {
                log.warn(
                        "loadgen - requests still in flight {} after stop",
                        plan.requestTimeout().plusSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public LoadState state() {
        return state.get();
    }

    @Override
    public void setTargetRate(double ratePerSec) {
        if (!(ratePerSec >= 0 && ratePerSec <= LoadPlan.MAX_RATE)) {
            throw new IllegalArgumentException(
                    "rate must be 0.." + (long) LoadPlan.MAX_RATE + " requests/s, was " + ratePerSec);
        }
        requireRunning(LoadModel.OPEN, "setTargetRate");
        steering.takeOver(ratePerSec);
    }

    @Override
    public void setUsers(int n) {
        if (n < 0 || n > LoadPlan.MAX_USERS) {
            throw new IllegalArgumentException("users must be 0.." + LoadPlan.MAX_USERS + ", was " + n);
        }
        requireRunning(LoadModel.CLOSED, "setUsers");
        steering.takeOver(n);
    }

    private void requireRunning(LoadModel model, String what) {
        if (state.get() != LoadState.RUNNING) {
            throw new IllegalStateException(what + " needs a running generator; it is " + state.get());
        }
        if (plan.model() != model) {
            throw new IllegalStateException(what + " needs a " + model.name().toLowerCase() + "-model run; this one is "
                    + plan.model().name().toLowerCase());
        }
    }

    @Override
    public double targetRate() {
        Steering s = steering;
        return s == null ? 0 : s.rate();
    }

    @Override
    public int users() {
        Steering s = steering;
        return s == null ? 0 : s.users();
    }

    @Override
    public Optional<LoadTick> lastTick() {
        return Optional.ofNullable(last.get());
    }

    @Override
    public AutoCloseable subscribe(Consumer<LoadTick> listener) {
        return subscribers.subscribe(listener);
    }

    @Override
    public LoadReport result() {
        if (state.get() == LoadState.CREATED) {
            throw new IllegalStateException("no result: the generator was never started");
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadGeneratorException("interrupted while waiting for the load report", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof LoadGeneratorException lge
                    ? lge
                    : new LoadGeneratorException("load run failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public boolean awaitFinished(Duration timeout) {
        try {
            result.handle((r, e) -> null).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
        recovery.cancel();
        if (state.get() != LoadState.CREATED && !awaitFinished(Duration.ofSeconds(10))) {
            log.warn("loadgen - run did not finish within 10 s of close");
        }
    }
}
