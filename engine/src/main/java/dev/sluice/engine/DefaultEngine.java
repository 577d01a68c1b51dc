package dev.sluice.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.engine.Engine;
import dev.sluice.engine.config.EngineConfig;
import dev.sluice.api.EngineException;
import dev.sluice.engine.EngineStartException;
import dev.sluice.api.EngineState;
import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.LoadReportFiles;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.LoadStatus;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.Health;
import dev.sluice.api.MetricsSnapshot.StoreInfo;
import dev.sluice.engine.control.ControlApi;
import dev.sluice.engine.http.HttpApi;
import dev.sluice.engine.intake.BacklogGauge;
import dev.sluice.engine.intake.IntakeGate;
import dev.sluice.engine.http.JettyLimits;
import dev.sluice.engine.load.LoadRunner;
import dev.sluice.engine.metrics.MetricsPublisher;
import dev.sluice.engine.metrics.PrometheusMetrics;
import dev.sluice.engine.metrics.IngestCounters;
import dev.sluice.engine.sink.LogSink;
import dev.sluice.engine.workers.WorkerPool;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.stores.RedisEndpoint;
import dev.sluice.engine.health.StoreChecks;
import dev.sluice.engine.health.StoreHealthMonitor;
import dev.sluice.engine.stream.StreamAppender;
import dev.sluice.engine.stream.StreamConsumer;
import io.javalin.Javalin;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process engine: wires the stores, the appender, the worker pool and the HTTP API, and
 * runs their lifecycle in order (start: stores, schema, workers, port; stop: the reverse).
 *
 * <p>Concurrency: state moves by CAS; {@link #update} merges and resizes the pool under this engine's lock.
 * Knobs live in an {@link AtomicReference} that workers read every round.
 */
final class DefaultEngine implements Engine {
    private static final Logger log = LoggerFactory.getLogger(DefaultEngine.class);
    private static final Duration HEALTH_EVERY = Duration.ofMillis(250);

    private final EngineConfig config;
    private final PostgresEndpoint pg;
    private final RedisEndpoint redisEndpoint;
    private final AtomicReference<EngineState> state = new AtomicReference<>(EngineState.CREATED);
    private final AtomicReference<Knobs> knobs;
    private final IngestCounters counters = new IngestCounters();

    private RedisClient redis;
    private StatefulRedisConnection<String, String> control;
    private HikariDataSource pool;
    private StreamAppender appender;
    private WorkerPool workers;
    private Javalin http;
    private LiveStoreSampler sampler;
    private IntakeGate gate;
    private BacklogGauge gauge;
    private MetricsPublisher publisher;
    private PrometheusMetrics prometheus;
    private LoadRunner load;
    private URI apiUri;
    private final ToLongFunction<String> storeRestarts;
    private volatile StoreHealthMonitor health;

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
            throw new IllegalStateException("an engine starts once; this one is " + state.get());
        }
        try {
            connectRedis();
            connectPostgres();
            health = new StoreHealthMonitor(List.of(StoreChecks.postgres(pg), StoreChecks.redis(redisEndpoint)), storeRestarts,
                    HEALTH_EVERY, StoreChecks.TIMEOUT, System::nanoTime, Instant::now);
            health.start();
            StreamConsumer.ensureGroup(control.sync(), config.stream().key(), config.stream().group());
            LogSink sink = new LogSink(pool, "logs", config.stream().idempotencyWindow());
            appender = new StreamAppender(redis, config.stream().key(), config.api().maxInFlightEvents(), config.api().storeTimeout(),
                    config.stream().idempotencyWindow());
            appender.start();
            gate = new IntakeGate(knobs::get);
            gauge = new BacklogGauge(redis, config.stream().key(), gate);
            gauge.start();
            workers = new WorkerPool(redis, sink, knobs::get, config.stream(), counters);
            workers.resize(knobs.get().workers());
            startMetrics();
            startHttp(sink);
            state.set(EngineState.RUNNING);
            publisher.tick(); // consoles and the control API have a snapshot from the first moment
            publisher.start();
            log.info("engine - running: api {}, postgres {}, redis {}, {}", apiUri, pg.displayUrl(),
                    redisEndpoint.displayUrl(), knobs.get());
        } catch (RuntimeException e) {
            state.set(EngineState.FAILED);
            release(Duration.ofSeconds(2));
            throw e instanceof EngineStartException ? e : new EngineStartException("engine failed to start: " + e.getMessage(), e);
        }
    }

    private void connectRedis() {
        redis = RedisClient.create(RedisURI.create(redisEndpoint.uri()));
        redis.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // while Redis is away, fail commands at once (503) instead of queueing them unbounded
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(5)).build())
                .timeoutOptions(TimeoutOptions.enabled(config.api().storeTimeout()))
                .build());
        try {
            control = redis.connect();
            control.sync().ping();
        } catch (RuntimeException e) {
            throw new EngineStartException("Redis at " + redisEndpoint.displayUrl() + " is unreachable: " + rootMessage(e), e);
        }
    }

    private void connectPostgres() {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("sluice-pg");
        hc.setJdbcUrl(pg.jdbcUrl());
        hc.setUsername(pg.user());
        hc.setPassword(pg.password());
        hc.setMaximumPoolSize(config.sink().poolSize());
        hc.setMinimumIdle(Math.min(2, config.sink().poolSize()));
        hc.setConnectionTimeout(5_000);
        hc.setInitializationFailTimeout(5_000);
        try {
            pool = new HikariDataSource(hc);
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            throw new EngineStartException("PostgreSQL at " + pg.displayUrl() + " is unusable: " + rootMessage(e), e);
        }
    }

    private void startMetrics() {
        sampler = new LiveStoreSampler(control, config.stream().key(), config.stream().group(), pool);
        StoreInfo stores = new StoreInfo(pg.displayUrl(), pg.kind(), redisEndpoint.displayUrl(), redisEndpoint.kind());
        publisher = new MetricsPublisher(new MetricsPublisher.Sources(counters, sampler, this::state, knobs::get,
                workers::size, stores, this::loadStatus, this::intakeStats, this::health), System::nanoTime, Instant::now,
                config.control().tick(), config.control().historyTicks());
        prometheus = new PrometheusMetrics(counters, publisher::latest);
    }

    private void startHttp(LogSink sink) {
        HttpApi api = new HttpApi(appender, sink, counters, () -> state.get() == EngineState.RUNNING,
                () -> knobs.get().mode(), () -> health.readiness(), config.api().maxBodyBytes(), config.api().maxBatchEvents(),
                gate, config.control().readToken(), config.control().ingestToken(), config.api().limits().minBodyBytesPerSec());
        http = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.jetty.defaultHost = config.api().host();
            cfg.jetty.defaultPort = config.api().port();
            JettyLimits.apply(cfg, config.api().host(), config.api().port(), config.api().limits(), counters.slowHeadersCut);
        });
        api.register(http);
        new ControlApi(this, config.control().token()).register(http);
        http.get("/metrics", ctx -> ctx.contentType(prometheus.contentType()).result(prometheus.scrape()));
        try {
            http.start();
        } catch (RuntimeException e) {
            throw new EngineStartException("cannot listen on " + config.api().host() + ":" + config.api().port()
                    + " (" + rootMessage(e) + "); choose another with --port", e);
        }
        apiUri = URI.create("http://" + hostForUri(config.api().host()) + ":" + http.port());
        load = new LoadRunner(URI.create("http://" + selfAddress(config.api().host()) + ":" + http.port()), this::backlog,
                config.control().ingestToken());
    }

    private Health health() {
        StoreHealthMonitor h = health;
        return h == null ? Health.UNKNOWN : h.health();
    }

    @Override
    public void stop(Duration drain) {
        EngineState s = state.get();
        if (s == EngineState.STOPPED || s == EngineState.STOPPING || s == EngineState.CREATED && !state.compareAndSet(s, EngineState.STOPPED)) {
            return;
        }
        if (!state.compareAndSet(s, EngineState.STOPPING)) {
            return;
        }
        log.info("engine - draining (up to {} s)", drain.toSeconds());
        release(drain);
        state.set(EngineState.STOPPED);
        log.info("engine - stopped");
    }

    /** Reverse of start: stop our own load, refuse intake, let queued events reach Redis, flush workers, close. */
    private void release(Duration drain) {
        if (load != null) {
            load.close();
        }
        if (appender != null) {
            appender.close(drain);
        }
        if (workers != null) {
            workers.stop(drain);
        }
        if (publisher != null) {
            publisher.tick(); // a last snapshot that shows the drained state
            publisher.close();
        }
        if (sampler != null) {
            sampler.close();
        }
        if (gauge != null) {
            gauge.close();
        }
        if (health != null) {
            health.close();
        }
        if (http != null) {
            http.stop();
        }
        if (control != null) {
            control.close();
        }
        if (redis != null) {
            redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (pool != null) {
            pool.close();
        }
    }

    /** The lifecycle state, except DEGRADED while RUNNING with a store that does not answer. */
    @Override
    public EngineState state() {
        EngineState s = state.get();
        StoreHealthMonitor h = health;
        return s == EngineState.RUNNING && h != null && h.anyDown() ? EngineState.DEGRADED : s;
    }

    @Override
    public Knobs knobs() {
        return knobs.get();
    }

    /** Merged under the engine's lock, so concurrent changes of different knobs from two consoles both hold. */
    @Override
    public synchronized Knobs update(KnobsChange change) {
        if (change == null) {
            throw new IllegalArgumentException("a knobs change must be given");
        }
        if (state.get() != EngineState.RUNNING) {
            throw new EngineException("knobs can change only while the engine runs; it is " + state.get());
        }
        Knobs before = knobs.get();
        Knobs next = before.with(change);
        knobs.set(next);
        workers.resize(next.workers());
        if (!before.equals(next)) {
            log.info("engine - knobs changed: {} -> {}", before, next);
        }
        return next;
    }

    @Override
    public List<String> profiles() {
        return LoadRunner.profileNames();
    }

    @Override
    public MetricsSnapshot snapshot() {
        return publisher == null ? null : publisher.latest();
    }

    @Override
    public List<MetricsSnapshot> history() {
        return publisher == null ? List.of() : publisher.history();
    }

    @Override
    public AutoCloseable subscribe(Consumer<MetricsSnapshot> listener) {
        if (publisher == null) {
            throw new EngineException("subscribe after start; the engine is " + state.get());
        }
        return publisher.subscribe(listener);
    }

    @Override
    public void startLoad(LoadSpec spec) {
        if (state.get() != EngineState.RUNNING || load == null) {
            throw new EngineException("load can start only while the engine runs; it is " + state.get());
        }
        load.start(spec);
    }

    @Override
    public void stopLoad() {
        if (load != null) {
            load.stop();
        }
    }

    @Override
    public Optional<LoadReportFiles> lastLoadReport() {
        return load == null ? Optional.empty() : load.lastReport();
    }

    private MetricsSnapshot.IntakeStats intakeStats() {
        IntakeGate g = gate;
        return g == null ? MetricsSnapshot.IntakeStats.UNKNOWN
                : new MetricsSnapshot.IntakeStats(g.state(), -1, -1, 0, 0, g.redisUsedBytes(), g.redisMaxBytes());
    }

    private LoadStatus loadStatus() {
        return load == null ? LoadStatus.IDLE : load.status();
    }

    /** The stream backlog from the latest snapshot: the load generator's view of unfinished work. */
    private OptionalLong backlog() {
        MetricsSnapshot s = publisher == null ? null : publisher.latest();
        return s == null || s.stream().backlog() < 0 ? OptionalLong.empty() : OptionalLong.of(s.stream().backlog());
    }

    @Override
    public URI apiUri() {
        return apiUri;
    }

    /** The hot-path totals; read-only use outside the engine. */
    IngestCounters counters() {
        return counters;
    }

    /** Where the in-engine load generator reaches our own port: loopback when we listen on all addresses. */
    private static String selfAddress(String host) {
        if (host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (host.equals("::") || host.equals("[::]")) {
            return "[::1]";
        }
        return hostForUri(host);
    }

    private static String hostForUri(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
