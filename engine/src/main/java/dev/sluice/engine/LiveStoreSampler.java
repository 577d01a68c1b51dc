package dev.sluice.engine;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.sluice.engine.concurrent.DaemonThreads;
import dev.sluice.engine.metrics.StoreSample;
import dev.sluice.engine.metrics.StoreSampler;
import dev.sluice.engine.stream.StreamBacklog;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.models.stream.PendingMessages;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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

    private final StatefulRedisConnection<String, String> redis;
    private final String key;
    private final String group;
    private final HikariDataSource pool;
    private final ExecutorService estimator = Executors.newSingleThreadExecutor(DaemonThreads.named("rows-estimator"));
    private final AtomicBoolean estimating = new AtomicBoolean();
    private volatile long rowsEstimate = -1;

    LiveStoreSampler(StatefulRedisConnection<String, String> redis, String key, String group, HikariDataSource pool) {
        this.redis = redis;
        this.key = key;
        this.group = group;
        this.pool = pool;
    }

    @Override
    public StoreSample sample() {
        long backlog = -1;
        long pending = -1;
        try {
            RedisFuture<Long> events = StreamBacklog.events(redis.async(), key);
            RedisFuture<PendingMessages> xpending = redis.async().xpending(key, group);
            backlog = events.get(REDIS_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            pending = xpending.get(REDIS_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).getCount();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Redis away: the snapshot shows -1 and the stream_retry/http_503 counters tell the story
        }
        refreshEstimate();
        HikariPoolMXBean mx = pool.getHikariPoolMXBean();
        if (mx == null) {
            return new StoreSample(backlog, pending, -1, -1, -1, rowsEstimate);
        }
        return new StoreSample(
                backlog,
                pending,
                mx.getActiveConnections(),
                mx.getIdleConnections(),
                mx.getThreadsAwaitingConnection(),
                rowsEstimate);
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
