package dev.sluice.engine;

import dev.sluice.api.Knobs;
import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.metrics.IngestCounters;
import dev.sluice.engine.stream.ShardRegistry;
import dev.sluice.engine.stream.StreamFields;
import dev.sluice.engine.warmup.JitWarmUp;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's ingest path run end to end before it takes traffic, so the JIT has compiled it
 * when the first real request comes ({@link JitWarmUp} drives it and decides when it is done).
 * Everything it touches is its own and thrown away after: a loopback port, the stream
 * {@code <key>:warm-up:<consumer prefix>} with its consumer group, a worker pool, the unlogged
 * table {@code logs_warm_up_<consumer prefix>} and a set of counters (named by the consumer
 * prefix, which is distinct per engine node: two nodes starting at once never share them, and a
 * node clears what its own interrupted warm-up left), so no warm-up event reaches {@code logs}, the engine's
 * totals or its metrics. The code is the engine's own (the same classes, wired the same way):
 * compiled code belongs to a method, not to an instance.
 *
 * <p>A warm-up that cannot run (no right to create the table, a store away) is skipped with a
 * warning: it only ever costs the engine its speed, never its start.
 */
final class IngestWarmUp {
    private static final Logger log = LoggerFactory.getLogger(IngestWarmUp.class);
    static final String TABLE_PREFIX = "logs_warm_up_";
    static final String STREAM_SUFFIX = ":warm-up:";

    private IngestWarmUp() {}

    /**
     * Warms the ingest path for at most {@code limit}, or until {@code stopRequested} (the engine
     * is stopped while it starts); returns what it did, or null when it was skipped.
     */
    static JitWarmUp.Result run(
            EngineConfig config,
            RedisConnections redis,
            PostgresPool pool,
            Duration limit,
            BooleanSupplier stopRequested) {
        String key = streamKey(config.stream());
        String table = table(config.stream());
        log.info(
                "engine - warming up the JIT on throwaway parts (at most {} s; --warm-up 0s skips it)",
                limit.toSeconds());
        try {
            dropScratch(redis, pool, key, table);
            createTable(pool, table);
            JitWarmUp.Result r = drive(config, redis, pool, key, table, limit, stopRequested);
            log.info(
                    "engine - JIT warm-up {} after {} ms: {} requests answered, {} not",
                    r.settled()
                            ? "done (compilers idle)"
                            : stopRequested.getAsBoolean() ? "ended by the stop" : "stopped at its limit (--warm-up)",
                    r.took().toMillis(),
                    r.answered(),
                    r.refused());
            return r;
        } catch (RuntimeException | SQLException e) {
            log.warn("engine - JIT warm-up skipped ({}); the first seconds run slower", DefaultEngine.rootMessage(e));
            return null;
        } finally {
            try {
                dropScratch(redis, pool, key, table);
            } catch (RuntimeException | SQLException e) {
                log.warn(
                        "engine - could not remove the warm-up's {} and {}: {}",
                        key,
                        table,
                        DefaultEngine.rootMessage(e));
            }
        }
    }

    private static JitWarmUp.Result drive(
            EngineConfig config,
            RedisConnections redis,
            PostgresPool pool,
            String key,
            String table,
            Duration limit,
            BooleanSupplier stopRequested) {
        EngineConfig.ApiConfig api = config.api();
        // one scratch key whatever the shard count: the code that runs is the same, and one key is simple to drop
        EngineConfig.StreamConfig stream = config.stream().withKey(key).withShards(1);
        // the configured knobs, so the path warmed is the one that will run, but never paused:
        // nothing would drain the scratch stream
        Knobs knobs = config.knobs().withPaused(false);
        IngestCounters scratch = new IngestCounters();
        IngestPath path =
                IngestPath.wire(api, stream, () -> knobs, redis, pool, table, scratch, IngestPath.Access.open());
        StartedComponents parts = new StartedComponents();
        try {
            ApiServer server = parts.add("warm-up http", ApiServer.startForWarmUp(api, path.http(), scratch));
            path.start(parts, "warm-up ");
            return JitWarmUp.run(server.selfUri(), limit, stopRequested);
        } finally {
            parts.stopAll(Duration.ofSeconds(5));
        }
    }

    /** The scratch stream of this engine node. */
    static String streamKey(EngineConfig.StreamConfig stream) {
        return stream.key() + STREAM_SUFFIX + stream.consumerPrefix();
    }

    /** The scratch table of this engine node: an identifier PostgreSQL keeps as it is (lower case, at most 63 bytes). */
    static String table(EngineConfig.StreamConfig stream) {
        String name =
                TABLE_PREFIX + stream.consumerPrefix().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.length() <= 63 ? name : name.substring(0, 63);
    }

    private static void createTable(PostgresPool pool, String table) throws SQLException {
        // unlogged: the rows are thrown away, so they need not cost PostgreSQL its WAL
        execute(pool, "CREATE UNLOGGED TABLE " + table + " (LIKE logs INCLUDING ALL)");
    }

    /** Removes what a warm-up (this one, or one a crash interrupted) left: the stream, its count, the table. */
    private static void dropScratch(RedisConnections redis, PostgresPool pool, String key, String table)
            throws SQLException {
        // one key at a time: on Redis Cluster the registry lives in another slot
        for (String k : List.of(key, StreamFields.extraEventsKey(key), ShardRegistry.registryKey(key))) {
            redis.control().sync().del(k);
        }
        execute(pool, "DROP TABLE IF EXISTS " + table);
    }

    private static void execute(PostgresPool pool, String sql) throws SQLException {
        try (Connection c = pool.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
