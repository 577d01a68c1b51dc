package dev.sluice.engine;

import dev.sluice.api.Knobs;
import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.http.HttpApi;
import dev.sluice.engine.http.RateLimit;
import dev.sluice.engine.intake.BacklogGauge;
import dev.sluice.engine.intake.DirectIntake;
import dev.sluice.engine.intake.IntakeByMode;
import dev.sluice.engine.intake.IntakeGate;
import dev.sluice.engine.intake.StreamIntake;
import dev.sluice.engine.metrics.IngestCounters;
import dev.sluice.engine.sink.LogSink;
import dev.sluice.engine.stream.ShardRegistry;
import dev.sluice.engine.stream.StreamAppender;
import dev.sluice.engine.stream.StreamConsumer;
import dev.sluice.engine.workers.WorkerPool;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The ingest path over one stream and one table: the sink, the intake gate, the appender, the
 * worker pool and the HTTP routes in front of them. The engine and its JIT warm-up
 * ({@link IngestWarmUp}) both build theirs here, so the path the warm-up compiles is, by
 * construction, the one the engine runs.
 *
 * <p>Lifecycle: {@link #wire} builds the parts (and the stream's consumer group) without
 * starting a thread; the caller serves {@link #http()} on its port, then {@link #start} starts
 * what feeds and drains the stream. Concurrency: built and started on one thread.
 */
final class IngestPath {
    private final EngineConfig.StreamConfig stream;
    private final ShardRegistry shards;
    private final Supplier<Knobs> knobs;
    private final RedisConnections redis;
    private final IntakeGate gate;
    private final StreamAppender appender;
    private final WorkerPool workers;
    private final HttpApi http;

    /** Who may use the routes and when they accept: the engine's rules, or none for a private port. */
    record Access(
            BooleanSupplier accepting, Supplier<Map<String, String>> readiness, String readToken, String ingestToken) {
        /** Always accepting, always ready, no tokens: a loopback port nobody else knows. */
        static Access open() {
            return new Access(() -> true, Map::of, null, null);
        }
    }

    private IngestPath(
            EngineConfig.StreamConfig stream,
            ShardRegistry shards,
            Supplier<Knobs> knobs,
            RedisConnections redis,
            IntakeGate gate,
            StreamAppender appender,
            WorkerPool workers,
            HttpApi http) {
        this.stream = stream;
        this.shards = shards;
        this.knobs = knobs;
        this.redis = redis;
        this.gate = gate;
        this.appender = appender;
        this.workers = workers;
        this.http = http;
    }

    /**
     * Builds the path from the stream {@code stream.key()} into {@code table}, counting into
     * {@code counters}; ensures the stream's consumer group exists.
     */
    static IngestPath wire(
            EngineConfig.ApiConfig api,
            EngineConfig.StreamConfig stream,
            Supplier<Knobs> knobs,
            RedisConnections redis,
            PostgresPool pool,
            String table,
            IngestCounters counters,
            Access access) {
        ShardRegistry shards = new ShardRegistry(stream.key(), stream.shards());
        for (String key : shards.register(redis.control().sync())) {
            StreamConsumer.ensureGroup(redis.control().sync(), key, stream.group());
        }
        LogSink sink = new LogSink(pool.dataSource(), table, stream.idempotencyWindow(), counters);
        StreamAppender appender = new StreamAppender(
                redis.links(), shards.own(), api.maxInFlightEvents(), api.storeTimeout(), stream.idempotencyWindow());
        IntakeGate gate = new IntakeGate(knobs);
        WorkerPool workers = new WorkerPool(redis.links(), shards.drained(), sink, knobs, stream, counters);
        HttpApi http = new HttpApi(
                new IntakeByMode(() -> knobs.get().mode(), new StreamIntake(gate, appender), new DirectIntake(sink)),
                sink,
                counters,
                access.accepting(),
                access.readiness(),
                api.maxBodyBytes(),
                api.maxBatchEvents(),
                access.readToken(),
                access.ingestToken(),
                api.limits().minBodyBytesPerSec(),
                api.rateLimit() == 0 ? RateLimit.NONE : new RateLimit(api.rateLimit(), System::nanoTime));
        return new IngestPath(stream, shards, knobs, redis, gate, appender, workers, http);
    }

    /**
     * Starts what moves events, each recorded in {@code parts} so they stop in reverse: the
     * backlog gauge (the gate's view of the stream), the workers at the knobs' size, then the
     * appender. Stopping thus lets queued events reach Redis, then flushes the workers.
     */
    void start(StartedComponents parts, String label) {
        BacklogGauge gauge = new BacklogGauge(redis.links(), shards::drained, gate);
        gauge.start();
        parts.add(label + "backlog gauge", gauge);
        workers.resize(knobs.get().workers());
        parts.addStopping(label + "workers", workers::stop);
        appender.start();
        parts.addStopping(label + "appender", appender::close);
    }

    HttpApi http() {
        return http;
    }

    IntakeGate gate() {
        return gate;
    }

    WorkerPool workers() {
        return workers;
    }

    /** The stream keys written and drained. */
    ShardRegistry shards() {
        return shards;
    }

    /**
     * Reads the registry of stream keys again and, when another engine added keys, has the
     * workers drain them too. Called on the metrics tick; a failure waits for the next one.
     */
    void refreshShards() {
        try {
            if (shards.refresh(redis.control().sync())) {
                for (String key : shards.drained()) {
                    StreamConsumer.ensureGroup(redis.control().sync(), key, stream.group());
                }
                workers.keys(shards.drained());
            }
        } catch (RuntimeException e) {
            // Redis away: the keys stay as they were
        }
    }
}
