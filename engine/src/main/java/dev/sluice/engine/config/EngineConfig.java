package dev.sluice.engine.config;

import static dev.sluice.api.Checks.check;
import static dev.sluice.api.Checks.require;

import dev.sluice.api.Knobs;
import java.time.Duration;

/**
 * Everything an engine is started with. Sealed at start: only {@link Knobs} change later.
 *
 * @param api     the HTTP listener and its intake limits
 * @param stream  names and recovery rules of the Redis Stream
 * @param sink    the PostgreSQL side
 * @param knobs   the initial live settings
 */
public record EngineConfig(ApiConfig api, StreamConfig stream, SinkConfig sink, ControlConfig control, Knobs knobs) {

    public EngineConfig {
        require(api, "api");
        require(stream, "stream");
        require(sink, "sink");
        require(control, "control");
        require(knobs, "knobs");
    }

    public static EngineConfig defaults() {
        return new EngineConfig(
                ApiConfig.defaults(),
                StreamConfig.defaults(),
                SinkConfig.defaults(),
                ControlConfig.defaults(),
                Knobs.defaults());
    }

    public EngineConfig withApi(ApiConfig a) {
        return new EngineConfig(a, stream, sink, control, knobs);
    }

    public EngineConfig withStream(StreamConfig s) {
        return new EngineConfig(api, s, sink, control, knobs);
    }

    public EngineConfig withSink(SinkConfig s) {
        return new EngineConfig(api, stream, s, control, knobs);
    }

    public EngineConfig withControl(ControlConfig c) {
        return new EngineConfig(api, stream, sink, c, knobs);
    }

    public EngineConfig withKnobs(Knobs k) {
        return new EngineConfig(api, stream, sink, control, k);
    }

    /**
     * @param tick    how often a metrics snapshot is published
     * @param history how much snapshot history is kept for charts
     * @param token   bearer token required on {@code /control}, or null when the API is open (loopback)
     * @param ingestToken  bearer token required on {@code POST /write}, or null when ingest is open
     * @param protectReads the read routes ({@code GET /messages}) need {@code token} (the engine is off loopback)
     */
    public record ControlConfig(
            Duration tick, Duration history, String token, String ingestToken, boolean protectReads) {
        public ControlConfig {
            check(
                    tick != null && tick.toMillis() >= 100 && tick.toSeconds() <= 60,
                    "tick must be 100 ms..60 s, was %s",
                    tick == null ? "none" : tick.toMillis() + " ms");
            check(
                    history != null && history.compareTo(tick) >= 0 && history.toHours() <= 24,
                    "history must be one tick..24 h, was %s",
                    history == null ? "none" : history.toSeconds() + " s");
            check(token == null || token.length() >= 8, "control token must be at least 8 characters");
            check(ingestToken == null || ingestToken.length() >= 8, "ingest token must be at least 8 characters");
            // the in-engine load sends it in a header line, as any client would: no spaces or controls
            check(
                    ingestToken == null || ingestToken.matches("[\\x21-\\x7E]+"),
                    "ingest token must be printable ASCII without spaces");
            check(!protectReads || token != null, "protected reads need a control token");
        }

        /** Ingest open, reads open. */
        public ControlConfig(Duration tick, Duration history, String token) {
            this(tick, history, token, null, false);
        }

        public static ControlConfig defaults() {
            return new ControlConfig(Duration.ofSeconds(1), Duration.ofMinutes(10), null);
        }

        /** The token the read routes need, or null when they are open. */
        public String readToken() {
            return protectReads ? token : null;
        }

        public ControlConfig withIngestToken(String t) {
            return new ControlConfig(tick, history, token, t, protectReads);
        }

        public ControlConfig withProtectedReads(boolean p) {
            return new ControlConfig(tick, history, token, ingestToken, p);
        }

        /** Ticks kept in the history. */
        public int historyTicks() {
            return (int) Math.max(1, history.toMillis() / tick.toMillis());
        }

        public ControlConfig withToken(String t) {
            return new ControlConfig(tick, history, t, ingestToken, protectReads);
        }

        public ControlConfig withTick(Duration d) {
            return new ControlConfig(d, history, token, ingestToken, protectReads);
        }

        @Override
        public String toString() {
            return "ControlConfig[tick=" + tick + ", history=" + history + ", token="
                    + (token == null ? "none" : "****") + ", ingestToken=" + (ingestToken == null ? "none" : "****")
                    + ", protectReads=" + protectReads + "]";
        }
    }

    /**
     * @param host           address to listen on; loopback by default
     * @param port           0 picks a free port
     * @param maxBodyBytes   largest request body accepted (413 above)
     * @param maxBatchEvents most events in one POST /write (413 above)
     * @param storeTimeout   longest a request waits on Redis before 503
     * @param maxInFlightEvents events accepted but not yet in Redis; above it, 429
     * @param limits         how long and how slowly a client may hold a connection
     * @param warmUp         longest the engine runs its ingest path on throwaway parts before it
     *                       takes traffic, so the JIT has compiled it (ends sooner once the compilers
     *                       are idle); zero skips it
     * @param rateLimit      most {@code POST /write} requests per second (a token bucket holding one second's
     *                       worth); above it 429 with {@code Retry-After: 1}; 0 for no limit
     */
    public record ApiConfig(
            String host,
            int port,
            int maxBodyBytes,
            int maxBatchEvents,
            Duration storeTimeout,
            int maxInFlightEvents,
            HttpLimits limits,
            Duration warmUp,
            int rateLimit) {
        /**
         * Twenty seconds: on two cores a fresh JVM's compilers were idle after 12-17 s of the
         * warm-up (bench/ingest.sh, README "Performance"); more cores finish sooner.
         */
        public static final Duration DEFAULT_WARM_UP = Duration.ofSeconds(20);

        public static final Duration MAX_WARM_UP = Duration.ofMinutes(5);

        public ApiConfig {
            require(host, "host");
            check(port >= 0 && port <= 65535, "port must be 0..65535, was %d", port);
            check(maxBodyBytes >= 1024, "max body must be at least 1024 bytes, was %d", maxBodyBytes);
            check(maxBatchEvents >= 1, "max batch events must be at least 1, was %d", maxBatchEvents);
            // workers block on the stream for up to 200 ms per read; the command timeout must allow that
            check(
                    storeTimeout != null && storeTimeout.toMillis() >= 500 && storeTimeout.toSeconds() <= 60,
                    "store timeout must be 500 ms..60 s, was %s",
                    storeTimeout == null ? "none" : storeTimeout.toMillis() + " ms");
            check(
                    maxInFlightEvents >= maxBatchEvents,
                    "max in-flight events (%d) must be at least max batch events (%d)",
                    maxInFlightEvents,
                    maxBatchEvents);
            require(limits, "http limits");
            check(
                    warmUp != null && !warmUp.isNegative() && warmUp.compareTo(MAX_WARM_UP) <= 0,
                    "warm-up must be 0 (off) to 5 min, was %s",
                    warmUp == null ? "none" : warmUp.toMillis() + " ms");
            check(rateLimit >= 0, "rate limit must be 0 (none) or more requests/s, was %d", rateLimit);
        }

        /** With the default {@link HttpLimits} and warm-up, and no rate limit. */
        public ApiConfig(
                String host,
                int port,
                int maxBodyBytes,
                int maxBatchEvents,
                Duration storeTimeout,
                int maxInFlightEvents) {
            this(
                    host,
                    port,
                    maxBodyBytes,
                    maxBatchEvents,
                    storeTimeout,
                    maxInFlightEvents,
                    HttpLimits.defaults(),
                    DEFAULT_WARM_UP,
                    0);
        }

        public static ApiConfig defaults() {
            return new ApiConfig("127.0.0.1", 8080, 1 << 20, 1000, Duration.ofSeconds(2), 200_000);
        }

        public ApiConfig withPort(int p) {
            return new ApiConfig(
                    host, p, maxBodyBytes, maxBatchEvents, storeTimeout, maxInFlightEvents, limits, warmUp, rateLimit);
        }

        public ApiConfig withHost(String h) {
            return new ApiConfig(
                    h, port, maxBodyBytes, maxBatchEvents, storeTimeout, maxInFlightEvents, limits, warmUp, rateLimit);
        }

        public ApiConfig withLimits(HttpLimits l) {
            return new ApiConfig(
                    host, port, maxBodyBytes, maxBatchEvents, storeTimeout, maxInFlightEvents, l, warmUp, rateLimit);
        }

        public ApiConfig withWarmUp(Duration w) {
            return new ApiConfig(
                    host, port, maxBodyBytes, maxBatchEvents, storeTimeout, maxInFlightEvents, limits, w, rateLimit);
        }

        public ApiConfig withRateLimit(int perSecond) {
            return new ApiConfig(
                    host,
                    port,
                    maxBodyBytes,
                    maxBatchEvents,
                    storeTimeout,
                    maxInFlightEvents,
                    limits,
                    warmUp,
                    perSecond);
        }
    }

    /**
     * @param key            stream key
     * @param group          consumer group
     * @param consumerPrefix consumers are named {@code <prefix>-w<N>}; distinct per engine node
     * @param reclaimIdle    an entry pending this long with its consumer is taken over (XAUTOCLAIM)
     * @param maxAttempts    failed writes of one entry before it goes to the dead-letter table
     * @param idempotencyWindow how long an {@code Idempotency-Key} is remembered: a retry within it is
     *                       answered from the record and lands nothing new
     */
    public record StreamConfig(
            String key,
            String group,
            String consumerPrefix,
            Duration reclaimIdle,
            int maxAttempts,
            Duration idempotencyWindow,
            int shards) {
        /** Most stream keys one stream may be split into (a Redis Cluster has 16,384 slots; more keys than masters gain nothing). */
        public static final int MAX_SHARDS = 1024;

        /**
         * One hour: client retries after a timeout come within seconds or minutes, and each record
         * (~150 bytes) lives in Redis memory beside the backlog; 24 h at 10k keyed requests/s would be ~130 GB.
         */
        public static final Duration DEFAULT_IDEMPOTENCY_WINDOW = Duration.ofHours(1);

        public StreamConfig {
            require(key, "stream key");
            require(group, "consumer group");
            require(consumerPrefix, "consumer prefix");
            check(reclaimIdle != null && !reclaimIdle.isNegative(), "reclaim idle must not be negative");
            check(maxAttempts >= 1, "max attempts must be at least 1, was %d", maxAttempts);
            check(
                    idempotencyWindow != null
                            && idempotencyWindow.toSeconds() >= 1
                            && idempotencyWindow.compareTo(Duration.ofDays(7)) <= 0,
                    "idempotency window must be 1 s..168 h, was %s",
                    idempotencyWindow == null ? "none" : idempotencyWindow.toMillis() + " ms");
            check(shards >= 1 && shards <= MAX_SHARDS, "stream shards must be 1..%d, was %d", MAX_SHARDS, shards);
            check(
                    shards == 1 || !key.contains("{"),
                    "a sharded stream's key must not have a hash tag of its own ('{'), was '%s'",
                    key);
        }

        /** One stream key. */
        public StreamConfig(
                String key,
                String group,
                String consumerPrefix,
                Duration reclaimIdle,
                int maxAttempts,
                Duration idempotencyWindow) {
            this(key, group, consumerPrefix, reclaimIdle, maxAttempts, idempotencyWindow, 1);
        }

        /** With the default idempotency window, one stream key. */
        public StreamConfig(String key, String group, String consumerPrefix, Duration reclaimIdle, int maxAttempts) {
            this(key, group, consumerPrefix, reclaimIdle, maxAttempts, DEFAULT_IDEMPOTENCY_WINDOW);
        }

        /** The stream keys events go to: {@link #key} for one shard, else {@code key{0}} … (see {@link dev.sluice.engine.stream.StreamKeys#shards}). */
        public java.util.List<String> keys() {
            return dev.sluice.engine.stream.StreamKeys.shards(key, shards);
        }

        public static StreamConfig defaults() {
            return new StreamConfig("logs_stream", "log_consumers", "sluice", Duration.ofSeconds(30), 5);
        }

        public StreamConfig withKey(String k) {
            return new StreamConfig(k, group, consumerPrefix, reclaimIdle, maxAttempts, idempotencyWindow, shards);
        }

        public StreamConfig withConsumerPrefix(String p) {
            return new StreamConfig(key, group, p, reclaimIdle, maxAttempts, idempotencyWindow, shards);
        }

        public StreamConfig withReclaimIdle(Duration d) {
            return new StreamConfig(key, group, consumerPrefix, d, maxAttempts, idempotencyWindow, shards);
        }

        public StreamConfig withShards(int n) {
            return new StreamConfig(key, group, consumerPrefix, reclaimIdle, maxAttempts, idempotencyWindow, n);
        }
    }

    /**
     * @param poolSize  most PostgreSQL connections the engine holds
     * @param retention how long rows of {@code logs} are kept (whole day partitions older than this
     *                  are dropped, hourly), at least a day; null keeps every row
     * @param ginIndex  whether the engine creates the GIN index on {@code logs.event} at start
     */
    public record SinkConfig(int poolSize, Duration retention, boolean ginIndex) {
        public SinkConfig {
            check(poolSize >= 1 && poolSize <= 512, "pool size must be 1..512, was %d", poolSize);
            check(
                    retention == null || retention.compareTo(Duration.ofDays(1)) >= 0,
                    "retention must be at least 1d (rows go by whole days), was %s",
                    retention == null ? "none" : retention.toMillis() + " ms");
        }

        public static SinkConfig defaults() {
            return new SinkConfig(16, null, false);
        }

        public SinkConfig withRetention(Duration d) {
            return new SinkConfig(poolSize, d, ginIndex);
        }
    }
}
