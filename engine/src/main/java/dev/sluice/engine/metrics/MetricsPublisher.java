package dev.sluice.engine.metrics;

import dev.sluice.api.EngineState;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.Knobs;
import dev.sluice.api.LoadStatus;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.ApiStats;
import dev.sluice.api.MetricsSnapshot.Health;
import dev.sluice.api.MetricsSnapshot.IntakeStats;
import dev.sluice.api.MetricsSnapshot.Latency;
import dev.sluice.api.MetricsSnapshot.PoolStats;
import dev.sluice.api.MetricsSnapshot.StoreInfo;
import dev.sluice.api.MetricsSnapshot.StreamStats;
import dev.sluice.api.MetricsSnapshot.Totals;
import dev.sluice.api.MetricsSnapshot.WorkerStats;
import dev.sluice.api.Subscribers;
import dev.sluice.engine.concurrent.DaemonThreads;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link MetricsSnapshot} every tick from the hot-path counters and a store sample,
 * keeps a bounded history, and hands each snapshot to subscribers. Rates come from the
 * difference to the previous tick, divided by the time that really passed.
 *
 * <p>Concurrency: {@link #tick} runs on the single {@code metrics-publisher} thread (tests call
 * it directly instead, never both). {@code latest} is an atomic reference; {@code history} is
 * guarded by its own monitor; subscribers live in a copy-on-write list and are called on the
 * publisher thread. A subscriber that throws is logged at WARN and kept.
 */
public final class MetricsPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsPublisher.class);

    /**
     * Where a snapshot's figures come from.
     *
     * @param intake state and Redis memory from the intake gate; the publisher adds the marks and the 429 counts
     * @param health the store probes' latest verdicts
     * @param workloads the queue and items stats; null when the engine has none
     * @param cluster the nodes on the same stream; null when the engine reports none
     * @param experiment the experiment's status and this tick's hand-made marks; null when the engine runs none
     */
    public record Sources(
            IngestCounters counters,
            StoreSampler sampler,
            Supplier<EngineState> state,
            Supplier<Knobs> knobs,
            IntSupplier workers,
            StoreInfo stores,
            Supplier<LoadStatus> load,
            Supplier<IntakeStats> intake,
            Supplier<Health> health,
            WorkloadMeter workloads,
            ClusterSource cluster,
            Supplier<ExperimentStatus> experiment) {
        public Sources {
            cluster = cluster == null ? ClusterSource.NONE : cluster;
            experiment = experiment == null ? () -> ExperimentStatus.NONE : experiment;
        }

        /** Without an intake gate or store probes: the snapshot shows accepting, unknown memory and unknown health. */
        public Sources(
                IngestCounters counters,
                StoreSampler sampler,
                Supplier<EngineState> state,
                Supplier<Knobs> knobs,
                IntSupplier workers,
                StoreInfo stores,
                Supplier<LoadStatus> load) {
            this(
                    counters,
                    sampler,
                    state,
                    knobs,
                    workers,
                    stores,
                    load,
                    () -> IntakeStats.UNKNOWN,
                    () -> Health.UNKNOWN,
                    null,
                    null,
                    null);
        }
    }

    private final Sources src;
    private final LongSupplier nanoTime;
    private final Supplier<Instant> wallClock;
    private final Duration tick;
    private final int historyTicks;
    private final long startNanos;
    private final AtomicReference<MetricsSnapshot> latest = new AtomicReference<>();
    private final ArrayDeque<MetricsSnapshot> history = new ArrayDeque<>();
    private final Subscribers<MetricsSnapshot> subscribers = new Subscribers<>(log, "metrics-publisher");
    private Histogram writeInterval;
    private Histogram commitInterval;
    private IngestCounters.Snapshot previous;
    private long previousNanos;
    private long seq;
    private ScheduledExecutorService executor;

    public MetricsPublisher(
            Sources sources, LongSupplier nanoTime, Supplier<Instant> wallClock, Duration tick, int historyTicks) {
        this.src = sources;
        this.nanoTime = nanoTime;
        this.wallClock = wallClock;
        this.tick = tick;
        this.historyTicks = historyTicks;
        this.startNanos = nanoTime.getAsLong();
        this.previous = sources.counters().snapshot();
        this.previousNanos = startNanos;
    }

    /** Starts ticking at a fixed rate on the {@code metrics-publisher} thread. */
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("metrics-publisher"));
        executor.scheduleAtFixedRate(this::tickGuarded, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tickGuarded() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("metrics-publisher - a tick failed: {}", e.toString());
        }
    }

    /** Builds, stores and publishes one snapshot; returns it. */
    public MetricsSnapshot tick() {
        long now = nanoTime.getAsLong();
        IngestCounters c = src.counters();
        IngestCounters.Snapshot cur = c.snapshot();
        IngestCounters.Snapshot prev = previous;
        double secs = Math.max(1e-9, (now - previousNanos) / 1e9);
        writeInterval = c.writeLatencyInterval(writeInterval);
        commitInterval = c.commitLatencyInterval(commitInterval);
        StoreSample store = src.sampler().sample();
        int workers = src.workers().getAsInt();

        long answered = cur.writeRequestsAnswered() - prev.writeRequestsAnswered();
        long flushes = cur.flushes() - prev.flushes();
        long rows = cur.rowsCommitted() - prev.rowsCommitted();
        ApiStats api = new ApiStats(
                answered / secs,
                (cur.eventsAccepted() - prev.eventsAccepted()) / secs,
                (cur.writeRequestsAccepted() - prev.writeRequestsAccepted()) / secs,
                (cur.requestsRejected() - prev.requestsRejected()) / secs,
                (cur.requestsThrottled() - prev.requestsThrottled()) / secs,
                ((cur.requestsUnavailable() - prev.requestsUnavailable())
                                + (cur.requestsFailed() - prev.requestsFailed()))
                        / secs,
                latency(writeInterval));
        // XPENDING counts entries; the workers (this node's and, from their heartbeats, the others')
        // know how many more events their packed ones hold
        ClusterSource cluster = src.cluster();
        long pending = store.pending() < 0
                ? -1
                : store.pending() + Math.max(0, cur.heldExtraEvents()) + cluster.othersHeldExtraEvents();
        long lag = store.backlog() < 0 || pending < 0 ? -1 : Math.max(0, store.backlog() - pending);
        StreamStats stream = new StreamStats(store.backlog(), pending, lag, cur.deadLettered(), store.shards());
        double utilization = workers == 0
                ? 0
                : Math.min(1.0, (cur.flushNanos() - prev.flushNanos()) / ((double) (now - previousNanos) * workers));
        WorkerStats ws = new WorkerStats(
                workers,
                cur.busyWorkers(),
                utilization,
                rows / secs,
                flushes / secs,
                flushes == 0 ? 0 : (double) rows / flushes,
                flushes == 0 ? 0 : (double) (cur.flushesBySize() - prev.flushesBySize()) / flushes,
                latency(commitInterval));
        PoolStats pool = new PoolStats(store.active(), store.idle(), store.waiting(), store.logsRowsEstimate());
        Totals totals = new Totals(
                cur.writeRequestsAnswered(),
                cur.eventsAccepted(),
                cur.rowsCommitted(),
                cur.requestsRejected() + cur.requestsThrottled() + cur.requestsUnavailable() + cur.requestsFailed(),
                cur.deadLettered());
        Knobs knobs = src.knobs().get();
        WorkloadMeter.Stats workloads =
                src.workloads() == null ? null : src.workloads().tick(secs);
        MetricsSnapshot snapshot = new MetricsSnapshot(
                ++seq,
                wallClock.get(),
                src.state().get(),
                (now - startNanos) / 1_000_000,
                knobs,
                src.stores(),
                api,
                stream,
                ws,
                pool,
                totals,
                errors(cur),
                src.load().get(),
                intake(knobs, api, cur),
                src.health().get(),
                workloads == null ? null : workloads.queue(),
                workloads == null ? null : workloads.items(),
                cluster.stats(),
                src.experiment().get());
        previous = cur;
        previousNanos = now;
        latest.set(snapshot);
        synchronized (history) {
            history.addLast(snapshot);
            while (history.size() > historyTicks) {
                history.removeFirst();
            }
        }
        subscribers.publish(snapshot);
        return snapshot;
    }

    private IntakeStats intake(Knobs knobs, ApiStats api, IngestCounters.Snapshot cur) {
        IntakeStats gate = src.intake().get();
        return new IntakeStats(
                gate.state(),
                knobs.highWater(),
                knobs.lowWater(),
                api.throttledPerSec(),
                cur.requestsThrottled(),
                gate.redisUsedBytes(),
                gate.redisMaxBytes());
    }

    private static Map<String, Long> errors(IngestCounters.Snapshot p) {
        Map<String, Long> errors = new LinkedHashMap<>();
        errors.put("http_4xx", p.requestsRejected());
        errors.put("http_429", p.requestsThrottled());
        errors.put("http_503", p.requestsUnavailable());
        errors.put("http_500", p.requestsFailed());
        errors.put("sink_retry", p.sinkErrors());
        errors.put("stream_retry", p.streamErrors());
        errors.put("http_408_slow_headers", p.slowHeadersCut());
        errors.put("dead_lettered", p.deadLettered());
        return errors;
    }

    static Latency latency(Histogram h) {
        if (h.getTotalCount() == 0) {
            return Latency.NONE;
        }
        return new Latency(
                h.getValueAtPercentile(50), h.getValueAtPercentile(95), h.getValueAtPercentile(99), h.getMaxValue());
    }

    /** The latest snapshot, or null before the first tick. */
    public MetricsSnapshot latest() {
        return latest.get();
    }

    /** A copy of the kept history, oldest first. */
    public List<MetricsSnapshot> history() {
        synchronized (history) {
            return new ArrayList<>(history);
        }
    }

    /** Adds a listener called on the publisher thread; close the handle to remove it. */
    public AutoCloseable subscribe(Consumer<MetricsSnapshot> listener) {
        return subscribers.subscribe(listener);
    }

    /** Stops ticking. Idempotent. */
    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                    log.warn("metrics-publisher - did not stop within 2 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }
}
