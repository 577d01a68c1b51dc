package dev.sluice.engine;

import dev.sluice.api.EngineException;
import dev.sluice.api.EngineState;
import dev.sluice.api.ExperimentDefinition;
import dev.sluice.api.ExperimentRequest;
import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.LoadReportFiles;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.LoadStatus;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.IntakeStats;
import dev.sluice.api.MetricsSnapshot.StoreInfo;
import dev.sluice.engine.cluster.ClusterMembership;
import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.control.ControlApi;
import dev.sluice.engine.experiment.ExperimentHost;
import dev.sluice.engine.experiment.KnobMarks;
import dev.sluice.engine.health.StoreChecks;
import dev.sluice.engine.health.StoreHealthMonitor;
import dev.sluice.engine.http.ItemsApi;
import dev.sluice.engine.http.QueueApi;
import dev.sluice.engine.intake.IntakeGate;
import dev.sluice.engine.items.ItemCatalog;
import dev.sluice.engine.load.LoadRunner;
import dev.sluice.engine.metrics.IngestCounters;
import dev.sluice.engine.metrics.ItemsCounters;
import dev.sluice.engine.metrics.MetricsPublisher;
import dev.sluice.engine.metrics.PrometheusMetrics;
import dev.sluice.engine.metrics.QueueCounters;
import dev.sluice.engine.metrics.WorkloadMeter;
import dev.sluice.engine.queue.MessageQueue;
import dev.sluice.engine.warmup.JitWarmUp;
import dev.sluice.engine.workers.WorkerPool;
import dev.sluice.stores.Causes;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.stores.RedisEndpoint;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process engine: wires the stores, the intake, the worker pool and the HTTP API, starts
 * them in order and stops them in reverse ({@link StartedComponents}). Each store connection is
 * an owned component ({@link RedisConnections}, {@link PostgresPool}, {@link ApiServer}).
 *
 * <p>Start order, so that the reverse is the right stop order: stores, the HTTP port (it answers
 * 503 until the engine runs, and stays up while the rest drains so in-flight requests get their
 * answers), store probes, metrics, the ingest path's backlog gauge, workers and appender
 * ({@link IngestPath}), load generator. Stopping thus stops our own load, lets queued events
 * reach Redis, flushes the workers, publishes a last snapshot, and closes the port and the stores.
 *
 * <p>Concurrency: state moves by CAS; {@link #update} merges and resizes the pool under this engine's lock.
 * Knobs live in an {@link AtomicReference} that workers read every round.
 */
final class DefaultEngine implements Engine {
    private static final Logger log = LoggerFactory.getLogger(DefaultEngine.class);
    private static final Duration HEALTH_EVERY = Duration.ofMillis(250);
    static final String STOPPED_WHILE_STARTING = "the engine was stopped while it started";
    /** The longest {@link #stop} waits for a start it interrupted to undo itself (the warm-up ends within seconds). */
    private static final Duration START_UNWIND = Duration.ofSeconds(60);
    /** Connections the queue and items requests share: one per group-commit thread, the rest for reads. */
    private static final int WORKLOAD_POOL_SIZE = 8;
    /** Queue and items requests that may wait for PostgreSQL, per kind, before the next gets 429. */
    private static final int WORKLOAD_QUEUE_CAPACITY = 10_000;

    private final EngineConfig config;
    private final PostgresEndpoint pg;
    private final RedisEndpoint redisEndpoint;
    private final ToLongFunction<String> storeRestarts;
    private final AtomicReference<EngineState> state = new AtomicReference<>(EngineState.CREATED);
    private final AtomicReference<Knobs> knobs;
    private final IngestCounters counters = new IngestCounters();
    private final QueueCounters queueCounters = new QueueCounters();
    private final ItemsCounters itemsCounters = new ItemsCounters();
    /** What the items worker commits, apart from the log's counters. */
    private final IngestCounters itemsLanded = new IngestCounters();

    private final StartedComponents started = new StartedComponents();
    private final CountDownLatch startEnded = new CountDownLatch(1);
    /** The experiments, driven through a view of this engine whose knob changes are not marked as hand-made. */
    private final ExperimentHost experiments = new ExperimentHost(new RunnerView());
    /** What the JIT warm-up did; null when it was off or skipped. */
    private volatile JitWarmUp.Result warmUp;
    /** The parts the control methods use; null until the engine runs (it stays after a stop). */
    private volatile Running running;

    /** What a running engine's control methods reach. */
    private record Running(
            WorkerPool workers, MetricsPublisher publisher, LoadRunner load, StoreHealthMonitor health, URI apiUri) {}

    DefaultEngine(EngineConfig config, PostgresEndpoint pg, RedisEndpoint redis) {
        this(config, pg, redis, store -> 0);
    }

    /** @param storeRestarts how often a store ("postgres", "redis") was restarted by its owner */
    DefaultEngine(EngineConfig config, PostgresEndpoint pg, RedisEndpoint redis, ToLongFunction<String> storeRestarts) {
        this.config = config;
        this.pg = pg;
        this.redisEndpoint = redis;
        this.knobs = new AtomicReference<>(config.knobs());
        this.storeRestarts = storeRestarts;
    }

    @Override
    public void start() {
        if (!state.compareAndSet(EngineState.CREATED, EngineState.STARTING)) {
            if (state.get() == EngineState.STOPPED) {
                throw new EngineStartException(STOPPED_WHILE_STARTING); // stop() came first
            }
            throw new IllegalStateException("an engine starts once; this one is " + state.get());
        }
        try {
            running = wireAndStart();
            // a snapshot exists before the state says RUNNING (and /ready answers 200), so a console
            // or a probe that sees the engine ready always finds one; a second shows it RUNNING
            running.publisher().tick();
            if (!state.compareAndSet(EngineState.STARTING, EngineState.RUNNING)) {
                throw new EngineStartException(STOPPED_WHILE_STARTING);
            }
            running.publisher().tick();
            running.publisher().start();
            log.info(
                    "engine - running: api {}, postgres {}, redis {}, {}",
                    running.apiUri(),
                    pg.displayUrl(),
                    redisEndpoint.displayUrl(),
                    knobs.get());
        } catch (RuntimeException e) {
            // a stop() while starting leaves STOPPING: what was started stops here, on the thread that started it
            boolean stopped = state.get() == EngineState.STOPPING;
            started.stopAll(Duration.ofSeconds(2));
            state.set(stopped ? EngineState.STOPPED : EngineState.FAILED);
            if (stopped) {
                log.info("engine - stopped before it ran");
                throw new EngineStartException(STOPPED_WHILE_STARTING, e);
            }
            throw e instanceof EngineStartException
                    ? e
                    : new EngineStartException("engine failed to start: " + e.getMessage(), e);
        } finally {
            startEnded.countDown();
        }
    }

    /** Builds the components and starts them in the order the class comment gives; each is recorded for the stop. */
    private Running wireAndStart() {
        EngineConfig.StreamConfig stream = config.stream();
        RedisConnections redis = started.add(
                "redis", RedisConnections.open(redisEndpoint, config.api().storeTimeout()));
        PostgresPool pool =
                started.add("postgres pool", PostgresPool.open(pg, config.sink().poolSize()));
        started.add("log partitions", LogTable.prepare(pool, pg, config.sink()));
        StoreHealthMonitor health = new StoreHealthMonitor(
                List.of(StoreChecks.postgres(pg), StoreChecks.redis(redisEndpoint)),
                storeRestarts,
                HEALTH_EVERY,
                StoreChecks.TIMEOUT,
                System::nanoTime,
                Instant::now);
        IngestPath ingest = IngestPath.wire(
                config.api(),
                stream,
                knobs::get,
                redis,
                pool,
                "logs",
                counters,
                new IngestPath.Access(
                        () -> state.get() == EngineState.RUNNING,
                        health::readiness,
                        config.control().readToken(),
                        config.control().ingestToken()));
        WorkerPool workers = ingest.workers();
        PostgresPool workloadPool =
                started.add("workloads pool", PostgresPool.openMore(pg, WORKLOAD_POOL_SIZE, "sluice-workloads"));
        MessageQueue queue = new MessageQueue(workloadPool.dataSource(), WORKLOAD_QUEUE_CAPACITY);
        started.addStopping("queue", queue::close);
        QueueApi queueApi = new QueueApi(
                queue,
                queueCounters,
                () -> state.get() == EngineState.RUNNING,
                config.api().maxBodyBytes(),
                config.api().limits().minBodyBytesPerSec());
        ItemCatalog items = new ItemCatalog(
                redis.links(),
                workloadPool.dataSource(),
                itemsStream(stream),
                knobs::get,
                config.api().maxInFlightEvents(),
                config.api().storeTimeout(),
                WORKLOAD_QUEUE_CAPACITY,
                itemsLanded);
        started.addStopping("items", items::close);
        ItemsApi itemsApi = new ItemsApi(
                items,
                itemsCounters,
                () -> state.get() == EngineState.RUNNING,
                config.api().maxBodyBytes(),
                config.api().limits().minBodyBytesPerSec());
        WorkloadMeter workloads = new WorkloadMeter(
                queueCounters,
                itemsCounters,
                itemsLanded,
                new WorkloadSampler(
                        queue, items, redis.control(), itemsStream(stream).key()));
        started.addStopping("workload sampler", drain -> workloads.close());
        ClusterMembership cluster = new ClusterMembership(
                redis.control(),
                stream.consumerPrefix(),
                stream.key(),
                ingest.shards()::drained,
                stream.group(),
                List.of(itemsStream(stream).key()),
                config.control().tick(),
                stream.reclaimIdle(),
                () -> counters.snapshot().heldExtraEvents());
        LiveStoreSampler sampler = new LiveStoreSampler(
                redis.control(),
                ingest::refreshShards,
                ingest.shards()::drained,
                ingest.workers()::readersByKey,
                stream.group(),
                pool.dataSource());
        StoreInfo stores = new StoreInfo(pg.displayUrl(), pg.kind(), redisEndpoint.displayUrl(), redisEndpoint.kind());
        MetricsPublisher publisher = new MetricsPublisher(
                new MetricsPublisher.Sources(
                        counters,
                        sampler,
                        this::state,
                        knobs::get,
                        workers::size,
                        stores,
                        this::loadStatus,
                        () -> intakeStats(ingest.gate()),
                        health::health,
                        workloads,
                        cluster,
                        experiments::status),
                System::nanoTime,
                Instant::now,
                config.control().tick(),
                config.control().historyTicks());
        ApiServer server = started.add(
                "http",
                ApiServer.start(
                        config.api(),
                        ingest.http(),
                        queueApi,
                        itemsApi,
                        new ControlApi(this, config.control().token()),
                        new PrometheusMetrics(counters, publisher::latest),
                        counters));
        requireNotStopped();
        if (!config.api().warmUp().isZero()) {
            warmUp = IngestWarmUp.run(config, redis, pool, config.api().warmUp(), this::stopRequested);
            requireNotStopped();
        }
        health.start();
        started.add("store probes", health);
        started.addStopping("store sampler", drain -> sampler.close());
        started.addStopping("metrics publisher", drain -> {
            publisher.tick(); // a last snapshot that shows the drained state
            publisher.close();
        });
        // registered before the workers read, so no other node takes this one's consumers for a gone node's
        cluster.join(advertised(server.uri()), () -> ClusterMembership.Beat.of(publisher.latest()));
        started.add("cluster membership", cluster);
        ingest.start(started, "");
        items.start(redis.control().sync());
        LoadRunner load = started.add(
                "load generator",
                new LoadRunner(server.selfUri(), this::backlog, config.control().ingestToken()));
        // after the load generator, so it stops first (stops run in reverse): a running experiment ends, then its load
        started.addStopping("experiments", drain -> experiments.close());
        return new Running(workers, publisher, load, health, server.uri());
    }

    /** The API address other nodes and consoles can use: a wildcard listen address becomes the host name. */
    static String advertised(URI api) {
        String host = api.getHost();
        if (host != null && (host.equals("0.0.0.0") || host.equals("[::]") || host.equals("::"))) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return api.toString();
            }
            return "http://" + host + ":" + api.getPort();
        }
        return api.toString();
    }

    /** The items stream: beside the log's, with the same group and rules, under its own key. */
    static EngineConfig.StreamConfig itemsStream(EngineConfig.StreamConfig log) {
        return new EngineConfig.StreamConfig(
                log.key() + ":items",
                log.group(),
                log.consumerPrefix() + "-items",
                log.reclaimIdle(),
                log.maxAttempts(),
                log.idempotencyWindow());
    }

    /**
     * Drains and stops a running engine. Called while it starts (a signal during the warm-up),
     * it ends the start instead: the starting thread sees the request at its next step, stops
     * what it had started, and {@link #start} throws; this call returns once that is done.
     */
    @Override
    public void stop(Duration drain) {
        EngineState s = state.get();
        if (s == EngineState.STOPPED
                || s == EngineState.STOPPING
                || s == EngineState.CREATED && !state.compareAndSet(s, EngineState.STOPPED)) {
            return;
        }
        if (!state.compareAndSet(s, EngineState.STOPPING)) {
            return;
        }
        if (s == EngineState.STARTING) {
            log.info("engine - stop requested while starting; ending the start");
            awaitStartEnded();
            return;
        }
        log.info("engine - draining (up to {} s)", drain.toSeconds());
        started.stopAll(drain);
        state.set(EngineState.STOPPED);
        log.info("engine - stopped");
    }

    private void awaitStartEnded() {
        try {
            if (!startEnded.await(START_UNWIND.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("engine - the interrupted start did not end within {} s", START_UNWIND.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends a start that {@link #stop} interrupted (the catch in {@link #start} stops what was started). */
    private void requireNotStopped() {
        if (stopRequested()) {
            throw new EngineStartException(STOPPED_WHILE_STARTING);
        }
    }

    /** True once {@link #stop} was called during the start. */
    private boolean stopRequested() {
        return state.get() == EngineState.STOPPING;
    }

    /** The lifecycle state, except DEGRADED while RUNNING with a store that does not answer. */
    @Override
    public EngineState state() {
        EngineState s = state.get();
        Running r = running;
        return s == EngineState.RUNNING && r != null && r.health().anyDown() ? EngineState.DEGRADED : s;
    }

    @Override
    public Knobs knobs() {
        return knobs.get();
    }

    /**
     * Merged under the engine's lock, so concurrent changes of different knobs from two consoles both hold.
     * A change that changes something is a hand-made mark on the next snapshot (the experiment
     * runner's own changes go through {@link RunnerView} and are not).
     */
    @Override
    public Knobs update(KnobsChange change) {
        Knobs[] beforeAndAfter = merge(change);
        String what = KnobMarks.describe(beforeAndAfter[0], beforeAndAfter[1]);
        if (!what.isEmpty()) {
            experiments.mark(what);
        }
        return beforeAndAfter[1];
    }

    /** Merges {@code change}; answers the knobs before and after it. */
    private synchronized Knobs[] merge(KnobsChange change) {
        if (change == null) {
            throw new IllegalArgumentException("a knobs change must be given");
        }
        if (state.get() != EngineState.RUNNING) {
            throw new EngineException("knobs can change only while the engine runs; it is " + state.get());
        }
        Knobs before = knobs.get();
        Knobs next = before.with(change);
        knobs.set(next);
        running.workers().resize(next.workers());
        if (!before.equals(next)) {
            log.info("engine - knobs changed: {} -> {}", before, next);
        }
        return new Knobs[] {before, next};
    }

    @Override
    public List<ExperimentDefinition> experiments() {
        return experiments.experiments();
    }

    @Override
    public void startExperiment(ExperimentRequest request) {
        if (state.get() != EngineState.RUNNING || running == null) {
            throw new EngineException("an experiment can start only while the engine runs; it is " + state.get());
        }
        experiments.start(request);
    }

    @Override
    public void stopExperiment() {
        experiments.stop();
    }

    /** This engine as the experiment runner drives it: the same, but its knob changes are no hand-made marks. */
    private final class RunnerView implements dev.sluice.api.EngineControl {
        @Override
        public MetricsSnapshot snapshot() {
            return DefaultEngine.this.snapshot();
        }

        @Override
        public List<MetricsSnapshot> history() {
            return DefaultEngine.this.history();
        }

        @Override
        public AutoCloseable subscribe(Consumer<MetricsSnapshot> listener) {
            return DefaultEngine.this.subscribe(listener);
        }

        @Override
        public Knobs knobs() {
            return DefaultEngine.this.knobs();
        }

        @Override
        public Knobs update(KnobsChange change) {
            return merge(change)[1];
        }

        @Override
        public List<String> profiles() {
            return DefaultEngine.this.profiles();
        }

        @Override
        public void startLoad(LoadSpec spec) {
            DefaultEngine.this.startLoad(spec);
        }

        @Override
        public void stopLoad() {
            DefaultEngine.this.stopLoad();
        }

        @Override
        public Optional<LoadReportFiles> lastLoadReport() {
            return DefaultEngine.this.lastLoadReport();
        }
    }

    @Override
    public List<String> profiles() {
        return LoadRunner.profileNames();
    }

    @Override
    public MetricsSnapshot snapshot() {
        Running r = running;
        return r == null ? null : r.publisher().latest();
    }

    @Override
    public List<MetricsSnapshot> history() {
        Running r = running;
        return r == null ? List.of() : r.publisher().history();
    }

    @Override
    public AutoCloseable subscribe(Consumer<MetricsSnapshot> listener) {
        Running r = running;
        if (r == null) {
            throw new EngineException("subscribe after start; the engine is " + state.get());
        }
        return r.publisher().subscribe(listener);
    }

    @Override
    public void startLoad(LoadSpec spec) {
        Running r = running;
        if (state.get() != EngineState.RUNNING || r == null) {
            throw new EngineException("load can start only while the engine runs; it is " + state.get());
        }
        r.load().start(spec);
    }

    @Override
    public void stopLoad() {
        Running r = running;
        if (r != null) {
            r.load().stop();
        }
    }

    @Override
    public Optional<LoadReportFiles> lastLoadReport() {
        Running r = running;
        return r == null ? Optional.empty() : r.load().lastReport();
    }

    @Override
    public URI apiUri() {
        Running r = running;
        return r == null ? null : r.apiUri();
    }

    /** What the JIT warm-up at start did, or null when it was off or could not run. */
    JitWarmUp.Result warmUp() {
        return warmUp;
    }

    /** The hot-path totals; read-only use outside the engine. */
    IngestCounters counters() {
        return counters;
    }

    private static IntakeStats intakeStats(IntakeGate gate) {
        return new IntakeStats(gate.state(), -1, -1, 0, 0, gate.redisUsedBytes(), gate.redisMaxBytes());
    }

    private LoadStatus loadStatus() {
        Running r = running;
        return r == null ? LoadStatus.IDLE : r.load().status();
    }

    /** The stream backlog from the latest snapshot: the load generator's view of unfinished work. */
    private OptionalLong backlog() {
        MetricsSnapshot s = snapshot();
        return s == null || s.stream().backlog() < 0
                ? OptionalLong.empty()
                : OptionalLong.of(s.stream().backlog());
    }

    /** The innermost cause's first line: what a person reads when a store or the port is unusable. */
    static String rootMessage(Throwable e) {
        Throwable t = Causes.root(e);
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
