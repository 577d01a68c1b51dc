package dev.sluice.engine;

import dev.sluice.api.MetricsSnapshot.ChannelDepth;
import dev.sluice.engine.items.ItemCatalog;
import dev.sluice.engine.metrics.WorkloadMeter;
import dev.sluice.engine.queue.MessageQueue;
import dev.sluice.engine.stream.RedisLink;
import dev.sluice.engine.stream.StreamBacklog;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads the store figures of the queue and items workloads for {@link WorkloadMeter}: the
 * queue's depth and deepest channels, the rows in {@code items}, the items stream's backlog.
 * Each read is bounded (statement timeout, Redis timeout); a store that does not answer gives -1.
 *
 * <p>Concurrency: called by one thread at a time (the meter's sampler), which owns its fields.
 */
final class WorkloadSampler implements Supplier<WorkloadMeter.Sample> {
    private static final int TOP_CHANNELS = 5;
    /**
     * Up to this many waiting messages the depth and the deepest channels are counted every sample
     * (a scan of a few milliseconds); above, the depth is PostgreSQL's live-tuple count and the
     * channels are counted every {@link #FULL_COUNT_EVERY_NANOS}: a full scan every second of a
     * deep queue took CPU from the consumers and held back vacuum's horizon.
     */
    static final long EXACT_BELOW = 100_000;

    private static final long FULL_COUNT_EVERY_NANOS = 10_000_000_000L;
    private static final long REDIS_TIMEOUT_MILLIS = 500;

    private final MessageQueue queue;
    private final ItemCatalog items;
    private final RedisLink<String, String> redis;
    private final String itemsKey;
    private List<ChannelDepth> lastTop = List.of();
    private long lastFullCount = System.nanoTime() - FULL_COUNT_EVERY_NANOS;

    WorkloadSampler(MessageQueue queue, ItemCatalog items, RedisLink<String, String> redis, String itemsKey) {
        this.queue = queue;
        this.items = items;
        this.redis = redis;
        this.itemsKey = itemsKey;
    }

    @Override
    public WorkloadMeter.Sample get() {
        long depth = -1;
        List<ChannelDepth> top = List.of();
        try {
            long estimate = queue.depthEstimate();
            if (estimate < EXACT_BELOW || System.nanoTime() - lastFullCount >= FULL_COUNT_EVERY_NANOS) {
                MessageQueue.Depth d = queue.depth(TOP_CHANNELS);
                lastFullCount = System.nanoTime();
                lastTop = d.top();
                depth = d.total();
            } else {
                depth = estimate;
            }
            top = lastTop;
        } catch (SQLException e) {
            // PostgreSQL away or slow: -1, and the health line says which
        }
        long rows = -1;
        try {
            rows = items.rows(EXACT_BELOW);
        } catch (SQLException e) {
            // as above
        }
        long backlog = -1;
        try {
            backlog = StreamBacklog.events(redis.async(), itemsKey).get(REDIS_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Redis away: -1
        }
        return new WorkloadMeter.Sample(depth, top, rows, backlog);
    }
}
