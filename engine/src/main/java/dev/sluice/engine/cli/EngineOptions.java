package dev.sluice.engine.cli;

import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.config.EngineConfig.ApiConfig;
import dev.sluice.engine.config.EngineConfig.ControlConfig;
import dev.sluice.engine.config.EngineConfig.SinkConfig;
import dev.sluice.engine.config.EngineConfig.StreamConfig;
import dev.sluice.engine.config.HttpLimits;
import dev.sluice.api.IngestMode;
import dev.sluice.api.Knobs;
import dev.sluice.api.cli.Flags;
import dev.sluice.api.cli.UsageException;
import dev.sluice.stores.RedisSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@code sluice engine} (and the consoles that start an embedded stack) was asked to run:
 * where the stores are and the engine's config. Read once, in {@code main}: flags win over
 * environment variables, which win over defaults.
 *
 * @param dataDir  where embedded stores keep their data
 * @param pgUrl    external PostgreSQL, or null for embedded
 * @param redisUrl external Redis, or null for embedded
 * @param redis    embedded Redis' maxmemory and fsync; whether an evicting external Redis is allowed
 */
public record EngineOptions(Path dataDir, String pgUrl, String redisUrl, EngineConfig config, boolean help,
                            boolean tokenGenerated, RedisSettings redis) {

    public static final List<String> VALUED = List.of("data-dir", "pg-url", "redis-url", "host", "port", "workers",
            "batch-size", "flush-interval", "mode", "pool-size", "max-batch", "max-body", "store-timeout",
            "reclaim-idle", "max-attempts", "consumer", "control-token", "tick", "idempotency-window",
            "high-water", "low-water", "redis-maxmemory", "redis-fsync", "ingest-token",
            "header-timeout", "idle-timeout", "min-body-rate", "max-header", "max-connections");
    public static final List<String> BOOLEANS = List.of("help", "paused", "allow-eviction");

    public boolean embedded() {
        return pgUrl == null;
    }

    /** Parses flags and environment; throws {@link UsageException} with one line on anything wrong. */
    public static EngineOptions parse(String[] args, Map<String, String> env) {
        Flags f = Flags.parse(args, VALUED, BOOLEANS, env);
        if (!f.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + f.positional().get(0) + "' (see --help)");
        }
        if (f.bool("help")) {
            return new EngineOptions(null, null, null, EngineConfig.defaults(), true, false, RedisSettings.defaults());
        }
        String pgUrl = f.string("pg-url", "SLUICE_PG_URL", null);
        String redisUrl = f.string("redis-url", "SLUICE_REDIS_URL", null);
        if ((pgUrl == null) != (redisUrl == null)) {
            throw new UsageException("give both --pg-url and --redis-url for external stores, or neither for embedded ones");
        }
        Path dataDir = Path.of(f.string("data-dir", "SLUICE_DATA_DIR", "sluice-data")).toAbsolutePath().normalize();
        try {
            ApiConfig defaults = ApiConfig.defaults();
            HttpLimits ld = HttpLimits.defaults();
            HttpLimits limits = new HttpLimits(
                    f.duration("header-timeout", "SLUICE_HEADER_TIMEOUT", ld.headerTimeout()),
                    f.duration("idle-timeout", "SLUICE_IDLE_TIMEOUT", ld.idleTimeout()),
                    f.integer("min-body-rate", "SLUICE_MIN_BODY_RATE", ld.minBodyBytesPerSec(), 0, 1 << 30),
                    f.integer("max-header", "SLUICE_MAX_HEADER", ld.maxHeaderBytes(), 1024, 1 << 20),
                    f.integer("max-connections", "SLUICE_MAX_CONNECTIONS", ld.maxConnections(), 16, 1_000_000));
            int maxBatch = f.integer("max-batch", "SLUICE_MAX_BATCH", defaults.maxBatchEvents(), 1, 100_000);
            ApiConfig api = new ApiConfig(
                    f.string("host", "SLUICE_HOST", defaults.host()),
                    f.integer("port", "SLUICE_PORT", defaults.port(), 0, 65535),
                    f.integer("max-body", "SLUICE_MAX_BODY", defaults.maxBodyBytes(), 1024, 256 << 20),
                    maxBatch,
                    f.duration("store-timeout", "SLUICE_STORE_TIMEOUT", defaults.storeTimeout()),
                    Math.max(defaults.maxInFlightEvents(), maxBatch), limits);
            StreamConfig sd = StreamConfig.defaults();
            StreamConfig stream = new StreamConfig(sd.key(), sd.group(),
                    f.string("consumer", "SLUICE_CONSUMER", sd.consumerPrefix()),
                    f.duration("reclaim-idle", "SLUICE_RECLAIM_IDLE", sd.reclaimIdle()),
                    f.integer("max-attempts", "SLUICE_MAX_ATTEMPTS", sd.maxAttempts(), 1, 1000),
                    f.duration("idempotency-window", "SLUICE_IDEMPOTENCY_WINDOW", sd.idempotencyWindow()));
            SinkConfig sink = new SinkConfig(f.integer("pool-size", "SLUICE_POOL_SIZE", SinkConfig.defaults().poolSize(), 1, 512));
            Knobs kd = Knobs.defaults();
            int highWater = f.integer("high-water", "SLUICE_HIGH_WATER", kd.highWater(), 2, Knobs.MAX_HIGH_WATER);
            // a high mark given alone brings its low mark along (three quarters), so --high-water 5000 just works
            int lowDefault = highWater == kd.highWater() ? kd.lowWater() : Math.max(1, highWater / 4 * 3);
            Knobs knobs = new Knobs(
                    f.integer("workers", "SLUICE_WORKERS", kd.workers(), 1, Knobs.MAX_WORKERS),
                    f.integer("batch-size", "SLUICE_BATCH_SIZE", kd.batchSize(), 1, Knobs.MAX_BATCH_SIZE),
                    f.duration("flush-interval", "SLUICE_FLUSH_INTERVAL", kd.flushInterval()),
                    IngestMode.fromLabel(f.string("mode", "SLUICE_MODE", kd.mode().label())),
                    f.bool("paused"),
                    highWater,
                    f.integer("low-water", "SLUICE_LOW_WATER", lowDefault, 1, Knobs.MAX_HIGH_WATER - 1));
            ControlConfig cd = ControlConfig.defaults();
            String token = f.string("control-token", "SLUICE_CONTROL_TOKEN", null);
            boolean generated = false;
            if (token == null && !isLoopback(api.host())) {
                token = newToken();
                generated = true;
            }
            // off loopback the read routes need the control token, the same rule as /control
            ControlConfig control = new ControlConfig(f.duration("tick", "SLUICE_TICK", cd.tick()), cd.history(), token,
                    f.string("ingest-token", "SLUICE_INGEST_TOKEN", null), !isLoopback(api.host()));
            RedisSettings rd = RedisSettings.defaults();
            String maxMemory = f.string("redis-maxmemory", "SLUICE_REDIS_MAXMEMORY", null);
            RedisSettings redis = new RedisSettings(
                    maxMemory == null ? rd.maxMemoryBytes() : RedisSettings.parseSize("--redis-maxmemory", maxMemory),
                    RedisSettings.Fsync.fromLabel(f.string("redis-fsync", "SLUICE_REDIS_FSYNC", rd.fsync().label())),
                    f.bool("allow-eviction") || "true".equalsIgnoreCase(env.get("SLUICE_ALLOW_EVICTION")));
            return new EngineOptions(dataDir, pgUrl, redisUrl, new EngineConfig(api, stream, sink, control, knobs), false,
                    generated, redis);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** True for 127.0.0.0/8, ::1 and localhost: the control API needs no token there. */
    public static boolean isLoopback(String host) {
        String h = host.trim().toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The option list shared by every command that can start an embedded stack. */
    public static String optionsHelp() {
        return """
                Stores (embedded PostgreSQL 17 and Redis unless both URLs are given):
                  --data-dir DIR         embedded stores' data directory           [SLUICE_DATA_DIR, default ./sluice-data]
                  --pg-url URL           external PostgreSQL, e.g. postgresql://user:pass@host:5432/db   [SLUICE_PG_URL]
                  --redis-url URL        external Redis, e.g. redis://host:6379    [SLUICE_REDIS_URL]
                  --redis-maxmemory SIZE embedded Redis maxmemory (noeviction), e.g. 512mb, 2gb
                                                                            [SLUICE_REDIS_MAXMEMORY, default 1gb]
                  --redis-fsync MODE     embedded Redis appendfsync: always | everysec
                                                                            [SLUICE_REDIS_FSYNC, default everysec]
                  --allow-eviction       start on an external Redis whose maxmemory-policy is allkeys-*
                                                                            [SLUICE_ALLOW_EVICTION=true]
                HTTP API:
                  --host ADDR            listen address                            [SLUICE_HOST, default 127.0.0.1]
                  --port N               listen port, 0 = any free one             [SLUICE_PORT, default 8080]
                  --max-batch N          most events in one POST /write            [SLUICE_MAX_BATCH, default 1000]
                  --max-body BYTES       largest request body                      [SLUICE_MAX_BODY, default 1048576]
                  --store-timeout DUR    longest a request waits for Redis (503)   [SLUICE_STORE_TIMEOUT, default 2s]
                  --idempotency-window DUR  how long an Idempotency-Key is remembered, 1s..168h  [SLUICE_IDEMPOTENCY_WINDOW, default 1h]
                  --ingest-token T       bearer token POST /write then needs       [SLUICE_INGEST_TOKEN]
                  --high-water N         backlog (entries) at which POST /write answers 429
                                                                            [SLUICE_HIGH_WATER, default 1000000]
                  --low-water N          backlog below which it accepts again      [SLUICE_LOW_WATER, default 3/4 of high]
                  --header-timeout DUR   line + headers must be in by then (408)   [SLUICE_HEADER_TIMEOUT, default 10s]
                  --idle-timeout DUR     close a silent connection (408 mid-body)  [SLUICE_IDLE_TIMEOUT, default 30s]
                  --min-body-rate B/S    slowest body, 0 = no check (408)          [SLUICE_MIN_BODY_RATE, default 500]
                  --max-header BYTES     largest request line + headers (431)      [SLUICE_MAX_HEADER, default 8192]
                  --max-connections N    open connections; more wait to be taken   [SLUICE_MAX_CONNECTIONS, default 10000]
                Control API (/control, the consoles' --attach target):
                  --control-token T      bearer token for /control (and GET /messages off loopback);
                                         generated and printed when --host is not loopback  [SLUICE_CONTROL_TOKEN]
                  --tick DUR             metrics snapshot interval                 [SLUICE_TICK, default 1s]
                Workers (live knobs; these are the starting values):
                  --workers N            stream workers, 1..256                    [SLUICE_WORKERS, default 10]
                  --batch-size N         rows per flush, 1..10000                  [SLUICE_BATCH_SIZE, default 500]
                  --flush-interval DUR   longest a partial batch waits, 1ms..10s   [SLUICE_FLUSH_INTERVAL, default 100ms]
                  --mode MODE            stream-copy | stream-insert | direct-insert  [SLUICE_MODE, default stream-copy]
                  --paused               start with workers paused
                  --pool-size N          PostgreSQL connections, 1..512            [SLUICE_POOL_SIZE, default 16]
                  --consumer NAME        consumer name prefix, distinct per node   [SLUICE_CONSUMER, default sluice]
                  --reclaim-idle DUR     take over entries pending this long       [SLUICE_RECLAIM_IDLE, default 30s]
                  --max-attempts N       failed writes before dead-lettering       [SLUICE_MAX_ATTEMPTS, default 5]
                Durations: 250ms, 2s, 5m (a bare number is milliseconds).
                """;
    }

    public Duration drain() {
        return Duration.ofSeconds(30);
    }
}
