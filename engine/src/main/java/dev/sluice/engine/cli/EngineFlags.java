package dev.sluice.engine.cli;

import dev.sluice.cli.DurationConverter;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The engine's options as picocli binds them, shared by {@code sluice engine} and every console that
 * starts an embedded stack. A field left null was given neither as a flag nor as its environment
 * variable ({@code --flush-interval}: {@code SLUICE_FLUSH_INTERVAL}); {@link EngineOptions} then takes
 * the config records' defaults, so each default lives once, in its record.
 */
public final class EngineFlags {
    /** Section headings of {@code --help}, before the option that opens each section. */
    static final Map<String, String> SECTIONS = Map.of(
            "--data-dir", "Stores (embedded PostgreSQL 17 and Redis unless both URLs are given):",
            "--host", "HTTP API:",
            "--control-token", "Control API (/control, the consoles' --attach target):",
            "--workers", "Workers (live knobs; these are the starting values):");

    /** Options without an environment variable ({@code --allow-eviction} and {@code --gin-index} read their own, see {@link EngineOptions}). */
    static final Set<String> NO_VARIABLE = Set.of("--paused", "--allow-eviction", "--gin-index");

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "embedded stores' data and this node's id [SLUICE_DATA_DIR, default ./sluice-data]")
    String dataDir;

    @Option(
            names = "--pg-url",
            paramLabel = "URL",
            description = "external PostgreSQL, e.g. postgresql://user:pass@host:5432/db [SLUICE_PG_URL]")
    String pgUrl;

    @Option(
            names = "--redis-url",
            paramLabel = "URL",
            description = "external Redis, e.g. redis://host:6379, or a Redis Cluster: redis-cluster://h1:7000,h2:7001"
                    + " [SLUICE_REDIS_URL]")
    String redisUrl;

    @Option(
            names = "--redis-maxmemory",
            paramLabel = "SIZE",
            description = {
                "embedded Redis maxmemory (noeviction), e.g. 512mb, 2gb",
                "[SLUICE_REDIS_MAXMEMORY, default 1gb]"
            })
    String redisMaxMemory;

    @Option(
            names = "--redis-fsync",
            paramLabel = "MODE",
            description = {"embedded Redis appendfsync: always | everysec", "[SLUICE_REDIS_FSYNC, default everysec]"})
    String redisFsync;

    @Option(
            names = "--allow-eviction",
            description = {
                "start on an external Redis whose maxmemory-policy is allkeys-*",
                "[SLUICE_ALLOW_EVICTION=true]"
            })
    boolean allowEviction;

    @Option(names = "--host", paramLabel = "ADDR", description = "listen address [SLUICE_HOST, default 127.0.0.1]")
    String host;

    @Option(
            names = "--port",
            paramLabel = "N",
            converter = Ranges.Port.class,
            description = "listen port, 0 = any free one [SLUICE_PORT, default 8080]")
    Integer port;

    @Option(
            names = "--max-batch",
            paramLabel = "N",
            converter = Ranges.MaxBatch.class,
            description = "most events in one POST /write [SLUICE_MAX_BATCH, default 1000]")
    Integer maxBatch;

    @Option(
            names = "--max-body",
            paramLabel = "BYTES",
            converter = Ranges.MaxBody.class,
            description = "largest request body [SLUICE_MAX_BODY, default 1048576]")
    Integer maxBody;

    @Option(
            names = "--store-timeout",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            description = "longest a request waits for Redis (503) [SLUICE_STORE_TIMEOUT, default 2s]")
    Duration storeTimeout;

    @Option(
            names = "--warm-up",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            description = {
                "before taking traffic, run the ingest path on throwaway parts until the JIT",
                "has compiled it, at most this long; 0s skips it [SLUICE_WARM_UP, default 20s]"
            })
    Duration warmUp;

    @Option(
            names = "--idempotency-window",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            description = "how long an Idempotency-Key is remembered, 1s..168h [SLUICE_IDEMPOTENCY_WINDOW, default 1h]")
    Duration idempotencyWindow;

    @Option(
            names = "--ingest-token",
            paramLabel = "T",
            description = "bearer token POST /write then needs [SLUICE_INGEST_TOKEN]")
    String ingestToken;

    @Option(
            names = "--high-water",
            paramLabel = "N",
            converter = Ranges.HighWater.class,
            description = {"backlog (events) at which POST /write answers 429", "[SLUICE_HIGH_WATER, default 1000000]"})
    Integer highWater;

    @Option(
            names = "--rate-limit",
            paramLabel = "N",
            converter = Ranges.RateLimit.class,
            description = {"most POST /write requests/s, 429 above it; 0 = none", "[SLUICE_RATE_LIMIT, default 0]"})
    Integer rateLimit;

    @Option(
            names = "--low-water",
            paramLabel = "N",
            converter = Ranges.LowWater.class,
            description = "backlog below which it accepts again [SLUICE_LOW_WATER, default 3/4 of high]")
    Integer lowWater;

    @Option(
            names = "--header-timeout",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            description = "line + headers must be in by then (408) [SLUICE_HEADER_TIMEOUT, default 10s]")
    Duration headerTimeout;

    @Option(
            names = "--idle-timeout",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            description = "close a silent connection (408 mid-body) [SLUICE_IDLE_TIMEOUT, default 30s]")
    Duration idleTimeout;

    @Option(
            names = "--min-body-rate",
            paramLabel = "B/S",
            converter = Ranges.MinBodyRate.class,
            description = "slowest body, 0 = no check (408) [SLUICE_MIN_BODY_RATE, default 500]")
    Integer minBodyRate;

    @Option(
            names = "--max-header",
            paramLabel = "BYTES",
            converter = Ranges.MaxHeader.class,
            description = "largest request line + headers (431) [SLUICE_MAX_HEADER, default 8192]")
    Integer maxHeader;

    @Option(
            names = "--max-connections",
            paramLabel = "N",
            converter = Ranges.MaxConnections.class,
            description = "open connections; more wait to be taken [SLUICE_MAX_CONNECTIONS, default 10000]")
    Integer maxConnections;

    @Option(
            names = "--control-token",
            paramLabel = "T",
            description = {
                "bearer token for /control (and GET /messages off loopback);",
                "generated and printed when --host is not loopback [SLUICE_CONTROL_TOKEN]"
            })
    String controlToken;

    @Option(
            names = "--tick",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            description = "metrics snapshot interval [SLUICE_TICK, default 1s]")
    Duration tick;

    @Option(
            names = "--workers",
            paramLabel = "N",
            converter = Ranges.Workers.class,
            description = "stream workers, 1..256 [SLUICE_WORKERS, default 10]")
    Integer workers;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            converter = Ranges.BatchSize.class,
            description = "rows per flush, 1..10000 [SLUICE_BATCH_SIZE, default 500]")
    Integer batchSize;

    @Option(
            names = "--flush-interval",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            description = "longest a partial batch waits, 1ms..10s [SLUICE_FLUSH_INTERVAL, default 100ms]")
    Duration flushInterval;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            description = "stream-copy | stream-insert | direct-insert [SLUICE_MODE, default stream-copy]")
    String mode;

    @Option(names = "--paused", description = "start with workers paused")
    boolean paused;

    @Option(
            names = "--pool-size",
            paramLabel = "N",
            converter = Ranges.PoolSize.class,
            description = "PostgreSQL connections, 1..512 [SLUICE_POOL_SIZE, default 16]")
    Integer poolSize;

    @Option(
            names = "--retention",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            description = {
                "drop the day partitions of logs whose whole day is older than this, hourly",
                "(at least 1d) [SLUICE_RETENTION, default: keep every row]"
            })
    Duration retention;

    @Option(
            names = "--gin-index",
            description = "create the GIN index on logs.event (jsonb_path_ops) at start [SLUICE_GIN_INDEX=true]")
    boolean ginIndex;

    @Option(
            names = "--node-id",
            paramLabel = "ID",
            description = "this node's identity on the stream [SLUICE_NODE_ID, default kept in <data-dir>/node-id]")
    String nodeId;

    @Option(
            names = "--reclaim-idle",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            description = "take over entries pending this long [SLUICE_RECLAIM_IDLE, default 30s]")
    Duration reclaimIdle;

    @Option(
            names = "--stream-shards",
            paramLabel = "N",
            converter = Ranges.StreamShards.class,
            description = "split the log stream over N keys (logs_stream{0}..), for Redis Cluster's masters"
                    + " [SLUICE_STREAM_SHARDS, default 1]")
    Integer streamShards;

    @Option(
            names = "--max-attempts",
            paramLabel = "N",
            converter = Ranges.MaxAttempts.class,
            description = "failed writes before dead-lettering [SLUICE_MAX_ATTEMPTS, default 5]")
    Integer maxAttempts;
}
