package dev.sluice.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine knows about itself at one tick. Immutable; a new one is published every
 * tick (default 1 s). Rates are per second over the last tick; totals count since the engine
 * started. A figure that could not be read this tick (its store was away) is {@code -1}.
 *
 * @param seq       1 for the first tick, then +1 per tick
 * @param at        when the tick was taken
 * @param state     lifecycle state
 * @param uptimeMillis time since the engine started
 * @param knobs     the knobs in force
 * @param stores    where the stores are
 * @param api       the write API over the last tick
 * @param stream    the Redis Stream now
 * @param workers   the worker pool over the last tick
 * @param pool      the PostgreSQL pool now
 * @param totals    counts since start
 * @param errors    failures by kind since start, e.g. {@code http_4xx}, {@code sink_retry}, {@code stream_retry}
 * @param load      the in-engine load generator's own view; {@link LoadStatus#IDLE} when none runs
 * @param intake    backpressure: water marks, accepting or throttling, Redis memory; {@link IntakeStats#UNKNOWN} if not reported
 * @param health    whether each store answers, since when, and its restarts; {@link Health#UNKNOWN} if not probed
 * @param queue     the queue workload ({@code POST /message}, {@code GET /queue}); {@link QueueStats#NONE} if not reported
 * @param items     the items workload ({@code /items}); {@link ItemsStats#NONE} if not reported
 * @param cluster   this engine node and the others draining the same stream; {@link ClusterStats#NONE} if not reported
 * @param experiment the experiment running or last run, and this tick's hand-made knob marks;
 *                   {@link ExperimentStatus#NONE} if none
 */
public record MetricsSnapshot(
        long seq,
        Instant at,
        EngineState state,
        long uptimeMillis,
        Knobs knobs,
        StoreInfo stores,
        ApiStats api,
        StreamStats stream,
        WorkerStats workers,
        PoolStats pool,
        Totals totals,
        Map<String, Long> errors,
        LoadStatus load,
        IntakeStats intake,
        Health health,
        QueueStats queue,
        ItemsStats items,
        ClusterStats cluster,
        ExperimentStatus experiment) {

    public MetricsSnapshot {
        errors = errors == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        load = load == null ? LoadStatus.IDLE : load;
        intake = intake == null ? IntakeStats.UNKNOWN : intake;
        health = health == null ? Health.UNKNOWN : health;
        queue = queue == null ? QueueStats.NONE : queue;
        items = items == null ? ItemsStats.NONE : items;
        cluster = cluster == null ? ClusterStats.NONE : cluster;
        experiment = experiment == null ? ExperimentStatus.NONE : experiment;
    }

    /** Without an experiment part (an engine that runs none). */
    public MetricsSnapshot(
            long seq,
            Instant at,
            EngineState state,
            long uptimeMillis,
            Knobs knobs,
            StoreInfo stores,
            ApiStats api,
            StreamStats stream,
            WorkerStats workers,
            PoolStats pool,
            Totals totals,
            Map<String, Long> errors,
            LoadStatus load,
            IntakeStats intake,
            Health health,
            QueueStats queue,
            ItemsStats items,
            ClusterStats cluster) {
        this(
                seq,
                at,
                state,
                uptimeMillis,
                knobs,
                stores,
                api,
                stream,
                workers,
                pool,
                totals,
                errors,
                load,
                intake,
                health,
                queue,
                items,
                cluster,
                null);
    }

    /** The same snapshot with another experiment part. */
    public MetricsSnapshot withExperiment(ExperimentStatus e) {
        return new MetricsSnapshot(
                seq,
                at,
                state,
                uptimeMillis,
                knobs,
                stores,
                api,
                stream,
                workers,
                pool,
                totals,
                errors,
                load,
                intake,
                health,
                queue,
                items,
                cluster,
                e);
    }

    /** Without the queue and items workloads (an engine that does not report them). */
    public MetricsSnapshot(
            long seq,
            Instant at,
            EngineState state,
            long uptimeMillis,
            Knobs knobs,
            StoreInfo stores,
            ApiStats api,
            StreamStats stream,
            WorkerStats workers,
            PoolStats pool,
            Totals totals,
            Map<String, Long> errors,
            LoadStatus load,
            IntakeStats intake,
            Health health) {
        this(
                seq,
                at,
                state,
                uptimeMillis,
                knobs,
                stores,
                api,
                stream,
                workers,
                pool,
                totals,
                errors,
                load,
                intake,
                health,
                null,
                null,
                null,
                null);
    }

    /**
     * The engine nodes that drain one stream through one consumer group, from their heartbeats in
     * Redis. The stream figures of the snapshot ({@link StreamStats}) already count the whole group.
     *
     * @param node  this node's identity: its consumers are named {@code <node>-w<N>}
     * @param nodes the nodes alive (a heartbeat within three of their ticks), this one included, by identity
     */
    public record ClusterStats(String node, List<NodeStats> nodes) {
        public static final ClusterStats NONE = new ClusterStats("", List.of());

        public ClusterStats {
            node = node == null ? "" : node;
            nodes = nodes == null ? List.of() : List.copyOf(nodes);
        }

        /** Events accepted per second over every node alive. */
        public double eventsPerSec() {
            return nodes.stream().mapToDouble(NodeStats::eventsPerSec).sum();
        }

        /** Rows committed per second over every node alive. */
        public double rowsPerSec() {
            return nodes.stream().mapToDouble(NodeStats::rowsPerSec).sum();
        }
    }

    /**
     * One engine node as its last heartbeat described it.
     *
     * @param id             its identity (consumer-name prefix)
     * @param api            where its API listens, as it advertises it
     * @param state          its lifecycle state
     * @param requestsPerSec {@code POST /write} answered per second
     * @param eventsPerSec   events accepted per second
     * @param rowsPerSec     rows its workers committed per second
     * @param workers        its active workers
     * @param pending        stream entries delivered to its workers and not yet acknowledged; -1 when unknown
     * @param ageMillis      how old its last heartbeat was when this snapshot was taken
     * @param self           true for the node that took this snapshot
     */
    public record NodeStats(
            String id,
            String api,
            EngineState state,
            double requestsPerSec,
            double eventsPerSec,
            double rowsPerSec,
            int workers,
            long pending,
            long ageMillis,
            boolean self) {}

    /**
     * The FIFO queue on PostgreSQL (seed 003).
     *
     * @param depth          messages waiting over all channels; -1 when PostgreSQL could not be read
     * @param topChannels    the deepest channels, deepest first (at most five)
     * @param enqueuedPerSec {@code POST /message} answered 201 over the last tick
     * @param consumedPerSec {@code GET /queue/{channel}} that handed out a message, over the last tick
     * @param emptyPerSec    {@code GET /queue/{channel}} answered 204 (nothing waiting), over the last tick
     * @param enqueueLatency request to answer of {@code POST /message} over the last tick (the commit included)
     * @param consumeLatency request to answer of {@code GET /queue/{channel}} over the last tick
     * @param enqueuedTotal  messages enqueued since start
     * @param consumedTotal  messages consumed since start
     * @param refusedTotal   queue requests answered 4xx since start
     * @param failedTotal    queue requests answered 5xx since start
     */
    public record QueueStats(
            long depth,
            List<ChannelDepth> topChannels,
            double enqueuedPerSec,
            double consumedPerSec,
            double emptyPerSec,
            Latency enqueueLatency,
            Latency consumeLatency,
            long enqueuedTotal,
            long consumedTotal,
            long refusedTotal,
            long failedTotal) {
        public static final QueueStats NONE =
                new QueueStats(-1, List.of(), 0, 0, 0, Latency.NONE, Latency.NONE, 0, 0, 0, 0);

        public QueueStats {
            topChannels = topChannels == null ? List.of() : List.copyOf(topChannels);
            enqueueLatency = enqueueLatency == null ? Latency.NONE : enqueueLatency;
            consumeLatency = consumeLatency == null ? Latency.NONE : consumeLatency;
        }
    }

    /** One channel of the queue and the messages waiting in it. */
    public record ChannelDepth(String channel, long depth) {}

    /**
     * The items API with its Redis response cache (seed 004).
     *
     * @param postedPerSec    {@code POST /items} answered 202 over the last tick
     * @param pageReadsPerSec {@code GET /items} pages served over the last tick
     * @param itemReadsPerSec {@code GET /items/{id}} answered over the last tick
     * @param hitRatio        pages served from the cache over pages served, last tick; -1 when no page was served
     * @param readLatency     request to answer of the item and page reads over the last tick
     * @param landedPerSec    items the worker committed over the last tick
     * @param postedTotal     items accepted since start
     * @param landedTotal     items committed since start
     * @param cacheHitsTotal  pages served from the cache since start
     * @param pageReadsTotal  pages served since start
     * @param backlog         items in their stream, not yet committed; -1 when Redis could not be read
     * @param rows            rows in {@code items}; -1 when PostgreSQL could not be read
     * @param refusedTotal    items requests answered 4xx (but 404) since start
     * @param failedTotal     items requests answered 5xx since start
     */
    public record ItemsStats(
            double postedPerSec,
            double pageReadsPerSec,
            double itemReadsPerSec,
            double hitRatio,
            Latency readLatency,
            double landedPerSec,
            long postedTotal,
            long landedTotal,
            long cacheHitsTotal,
            long pageReadsTotal,
            long backlog,
            long rows,
            long refusedTotal,
            long failedTotal) {
        public static final ItemsStats NONE = new ItemsStats(0, 0, 0, -1, Latency.NONE, 0, 0, 0, 0, 0, -1, -1, 0, 0);

        public ItemsStats {
            readLatency = readLatency == null ? Latency.NONE : readLatency;
        }
    }

    /**
     * Backpressure on {@code POST /write}.
     *
     * @param state           accepting, or throttling (429 with Retry-After)
     * @param highWater       backlog mark at which throttling starts, events
     * @param lowWater        backlog mark below which accepting resumes, events
     * @param throttledPerSec 429 answers over the last tick
     * @param throttledTotal  429 answers since start
     * @param redisUsedBytes  Redis {@code used_memory}; -1 when unknown
     * @param redisMaxBytes   Redis {@code maxmemory}; 0 when Redis has no limit, -1 when unknown
     */
    public record IntakeStats(
            IntakeState state,
            long highWater,
            long lowWater,
            double throttledPerSec,
            long throttledTotal,
            long redisUsedBytes,
            long redisMaxBytes) {
        public static final IntakeStats UNKNOWN = new IntakeStats(IntakeState.ACCEPTING, -1, -1, 0, 0, -1, -1);

        public IntakeStats {
            state = state == null ? IntakeState.ACCEPTING : state;
        }
    }

    /**
     * Store health from the engine's own probes (one per store, each bounded to about a second).
     *
     * @param postgres   PostgreSQL now
     * @param redis      Redis now
     * @param degradedBy names of the stores that do not answer ("postgres", "redis"); empty when all answer
     */
    public record Health(StoreHealth postgres, StoreHealth redis, List<String> degradedBy) {
        public static final Health UNKNOWN = new Health(StoreHealth.UNKNOWN, StoreHealth.UNKNOWN, List.of());

        public Health {
            postgres = postgres == null ? StoreHealth.UNKNOWN : postgres;
            redis = redis == null ? StoreHealth.UNKNOWN : redis;
            degradedBy = degradedBy == null ? List.of() : List.copyOf(degradedBy);
        }

        /** The health of {@code store}: "postgres" or "redis". */
        public StoreHealth of(String store) {
            return switch (store) {
                case "postgres" -> postgres;
                case "redis" -> redis;
                default -> throw new IllegalArgumentException("no store named '" + store + "' (postgres or redis)");
            };
        }
    }

    /**
     * One store's health.
     *
     * @param up                 the latest probe answered within its timeout
     * @param since              when the store went up or down (the start of the current state); null if never probed
     * @param restarts           times the engine restarted this (embedded) store since start; 0 for external stores
     * @param lastRecoveryMillis how long the last outage lasted, down to up again; -1 if none ended yet
     * @param detail             why it is down ("did not answer for 4.2 s", the error), or "" while up
     */
    public record StoreHealth(boolean up, Instant since, long restarts, long lastRecoveryMillis, String detail) {
        public static final StoreHealth UNKNOWN = new StoreHealth(true, null, 0, -1, "");

        public StoreHealth {
            detail = detail == null ? "" : detail;
        }
    }

    /** Latency percentiles in microseconds; all zero when nothing was measured. */
    public record Latency(long p50Micros, long p95Micros, long p99Micros, long maxMicros) {
        public static final Latency NONE = new Latency(0, 0, 0, 0);
    }

    /** @param postgresUrl and redisUrl without passwords; kinds are "embedded" or "external" */
    public record StoreInfo(String postgresUrl, String postgresKind, String redisUrl, String redisKind) {}

    /**
     * POST /write over the last tick, measured in the server.
     *
     * @param requestsPerSec    all answered requests
     * @param eventsPerSec      events accepted (202)
     * @param okPerSec          2xx answers
     * @param clientErrorsPerSec 4xx answers other than 429
     * @param throttledPerSec   429 answers
     * @param serverErrorsPerSec 5xx answers
     * @param latency           request receipt to response, server side
     */
    public record ApiStats(
            double requestsPerSec,
            double eventsPerSec,
            double okPerSec,
            double clientErrorsPerSec,
            double throttledPerSec,
            double serverErrorsPerSec,
            Latency latency) {}

    /**
     * The log stream, all its shards together, and each shard.
     *
     * @param backlog           events in the stream (acknowledged entries are deleted, so this is all unfinished work)
     * @param pending           events delivered to a worker, not yet acknowledged
     * @param lag               not yet delivered to any worker ({@code backlog - pending})
     * @param deadLetteredTotal events moved to the dead-letter table since start
     * @param shards            each stream key drained ({@code --stream-shards}), by key; empty if not reported
     */
    public record StreamStats(long backlog, long pending, long lag, long deadLetteredTotal, List<ShardStats> shards) {
        public StreamStats {
            shards = shards == null ? List.of() : List.copyOf(shards);
        }

        /** Without the per-shard figures. */
        public StreamStats(long backlog, long pending, long lag, long deadLetteredTotal) {
            this(backlog, pending, lag, deadLetteredTotal, List.of());
        }
    }

    /**
     * One stream key of a sharded stream. A figure that could not be read (its Redis master away) is -1.
     *
     * @param key            the stream key, e.g. {@code logs_stream{2}}
     * @param backlog        events in this key
     * @param pendingEntries entries of this key delivered to a worker and not acknowledged (XPENDING counts
     *                       entries: one for a single event, one for up to 32 packed events)
     * @param lag            events not yet delivered, at most: {@code backlog - pendingEntries}
     * @param workers        this node's workers reading this key
     */
    public record ShardStats(String key, long backlog, long pendingEntries, long lag, int workers) {}

    /**
     * @param count             active workers
     * @param busy              workers writing to PostgreSQL at the tick
     * @param utilization       share of worker time spent writing over the last tick, 0..1
     * @param rowsPerSec        rows committed
     * @param flushesPerSec     committed flushes
     * @param meanRowsPerFlush  rows per committed flush
     * @param sizeFlushShare    share of flushes triggered by a full batch (the rest by the interval), 0..1
     * @param acceptToCommit    API receipt to PostgreSQL commit, per row
     */
    public record WorkerStats(
            int count,
            int busy,
            double utilization,
            double rowsPerSec,
            double flushesPerSec,
            double meanRowsPerFlush,
            double sizeFlushShare,
            Latency acceptToCommit) {}

    /**
     * @param active          connections in use
     * @param idle            connections open and free
     * @param waiting         threads waiting for a connection
     * @param logsRowsEstimate rows in {@code logs} per PostgreSQL's statistics ({@code n_live_tup}); an estimate
     */
    public record PoolStats(int active, int idle, int waiting, long logsRowsEstimate) {}

    /** Counts since the engine started. */
    public record Totals(
            long writeRequests, long eventsAccepted, long rowsCommitted, long requestsRejected, long deadLettered) {}
}
