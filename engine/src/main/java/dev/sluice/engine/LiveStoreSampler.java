package dev.sluice.engine;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.sluice.api.MetricsSnapshot.ShardStats;
import dev.sluice.engine.concurrent.DaemonThreads;
import dev.sluice.engine.metrics.StoreSample;
import dev.sluice.engine.metrics.StoreSampler;
import dev.sluice.engine.stream.RedisLink;
import dev.sluice.engine.stream.StreamBacklog;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.models.stream.PendingMessages;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Samples the stores for a snapshot without ever blocking the metrics thread for long: Redis
 * figures come from two pipelined commands with a short timeout; the row estimate is refreshed
 * in the background and read from a field.
 *
 * <p>Concurrency: {@link #sample} on the metrics thread; the estimate refresh on its own
 * single thread ({@code rows-estimator}); they share only the volatile estimate.
 */
final class LiveStoreSampler implements StoreSampler, AutoCloseable {
    private static final long REDIS_TIMEOUT_MILLIS = 500;

    private final RedisLink<String, String> redis;
    private final Runnable refreshKeys;
    private final Supplier<List<String>> keys;
    private final Supplier<Map<String, Integer>> readers;
    private final String group;
    private final HikariDataSource pool;
    private final ExecutorService estimator = Executors.newSingleThreadExecutor(DaemonThreads.named("rows-estimator"));
    private final AtomicBoolean estimating = new AtomicBoolean();
    private volatile long rowsEstimate = -1;

    /**
     * @param refreshKeys re-reads the registry of stream keys (another node may have added some), first thing each tick
     * @param keys        the log stream's keys
     * @param readers     for each key, how many of this node's workers read it
     */
    LiveStoreSampler(
            RedisLink<String, String> redis,
            Runnable refreshKeys,
            Supplier<List<String>> keys,
            Supplier<Map<String, Integer>> readers,
            String group,
            HikariDataSource pool) {
        this.redis = redis;
        this.refreshKeys = refreshKeys;
        this.keys = keys;
        this.readers = readers;
        this.group = group;
        this.pool = pool;
    }

    @Override
    public StoreSample sample() {
        refreshKeys.run();
        List<String> all = keys.get();
        // sent together, then awaited: one round trip per master, not per key
        List<RedisFuture<Long>> events = new ArrayList<>(all.size());
        List<RedisFuture<PendingMessages>> xpending = new ArrayList<>(all.size());
        for (String key : all) {
            events.add(StreamBacklog.events(redis.async(), key));
            xpending.add(redis.async().xpending(key, group));
        }
        Map<String, Integer> reading = readers.get();
        long backlog = 0;
        long pending = 0;
        List<ShardStats> shards = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            long b = await(events.get(i), Long::longValue);
            long pe = await(xpending.get(i), PendingMessages::getCount);
            // Redis away (or one master of a cluster): the totals show -1 and the stream_retry/http_503 counters tell
            // the story
            backlog = b < 0 || backlog < 0 ? -1 : backlog + b;
            pending = pe < 0 || pending < 0 ? -1 : pending + pe;
            shards.add(new ShardStats(
                    all.get(i),
                    b,
                    pe,
                    b < 0 || pe < 0 ? -1 : Math.max(0, b - pe),
                    reading.getOrDefault(all.get(i), 0)));
        }
        refreshEstimate();
        HikariPoolMXBean mx = pool.getHikariPoolMXBean();
        if (mx == null) {
            return new StoreSample(backlog, pending, -1, -1, -1, rowsEstimate, shards);
        }
        return new StoreSample(
                backlog,
                pending,
                mx.getActiveConnections(),
                mx.getIdleConnections(),
                mx.getThreadsAwaitingConnection(),
                rowsEstimate,
                shards);
    }

    /** A count from the reply, or -1 when the reply failed or did not come in time. */
    private static <T> long await(RedisFuture<T> f, java.util.function.ToLongFunction<T> count) {
        try {
            T reply = f.get(REDIS_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            return reply == null ? 0 : count.applyAsLong(reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private void refreshEstimate() {
        if (!estimating.compareAndSet(false, true)) {
            return;
        }
        estimator.execute(() -> {
            try (Connection c = pool.getConnection();
                    PreparedStatement ps =
                            // logs is partitioned (V4): its own row has no tuples, its partitions hold them
                            c.prepareStatement("SELECT sum(s.n_live_tup) FROM pg_partition_tree('logs') t"
                                    + " JOIN pg_stat_user_tables s ON s.relid = t.relid WHERE t.isleaf")) {
                ps.setQueryTimeout(2);
                try (ResultSet rs = ps.executeQuery()) {
                    rowsEstimate = rs.next() ? rs.getLong(1) : -1;
                }
            } catch (SQLException e) {
                rowsEstimate = -1;
            } finally {
                estimating.set(false);
            }
        });
    }

    @Override
    public void close() {
        estimator.shutdownNow();
    }
}
