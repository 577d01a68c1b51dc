package dev.sluice.engine.metrics;

import dev.sluice.api.MetricsSnapshot.ChannelDepth;
import dev.sluice.api.MetricsSnapshot.ItemsStats;
import dev.sluice.api.MetricsSnapshot.QueueStats;
import dev.sluice.engine.concurrent.DaemonThreads;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The queue and items parts of each snapshot: rates from the difference of their counters to the
 * previous tick, and store figures (queue depth, items rows and backlog) sampled in the
 * background, so a slow count never delays a tick: a tick shows the latest sample that finished.
 *
 * <p>Concurrency: {@link #tick} on the publisher thread; the sample on its own
 * {@code workload-sampler} thread; they share only the volatile sample.
 */
public final class WorkloadMeter implements AutoCloseable {
    /** Store figures of the two workloads; -1 where a store could not be read. */
    public record Sample(long queueDepth, List<ChannelDepth> topChannels, long itemsRows, long itemsBacklog) {
        public static final Sample UNKNOWN = new Sample(-1, List.of(), -1, -1);

        public Sample {
            topChannels = List.copyOf(topChannels);
        }
    }

    /** The two workloads' stats of one tick. */
    public record Stats(QueueStats queue, ItemsStats items) {}

    private final QueueCounters queue;
    private final ItemsCounters items;
    private final IngestCounters itemsLanded;
    private final Supplier<Sample> sampler;
    private final ExecutorService background =
            Executors.newSingleThreadExecutor(DaemonThreads.named("workload-sampler"));
    private final AtomicBoolean sampling = new AtomicBoolean();
    private volatile Sample sample = Sample.UNKNOWN;
    private QueueCounters.Snapshot previousQueue;
    private ItemsCounters.Snapshot previousItems;
    private long previousLanded;
    private Histogram enqueueInterval;
    private Histogram consumeInterval;
    private Histogram readInterval;

    /** @param sampler reads the store figures; called off the publisher thread, at most one at a time */
    public WorkloadMeter(
            QueueCounters queue, ItemsCounters items, IngestCounters itemsLanded, Supplier<Sample> sampler) {
        this.queue = queue;
        this.items = items;
        this.itemsLanded = itemsLanded;
        this.sampler = sampler;
        this.previousQueue = queue.snapshot();
        this.previousItems = items.snapshot();
        this.previousLanded = itemsLanded.snapshot().rowsCommitted();
    }

    /** This tick's stats over {@code secs} since the previous one; starts the next background sample. */
    public Stats tick(double secs) {
        refresh();
        Sample s = sample;
        QueueCounters.Snapshot q = queue.snapshot();
        QueueCounters.Snapshot pq = previousQueue;
        enqueueInterval = queue.enqueueLatencyInterval(enqueueInterval);
        consumeInterval = queue.consumeLatencyInterval(consumeInterval);
        QueueStats queueStats = new QueueStats(
                s.queueDepth(),
                s.topChannels(),
                (q.enqueued() - pq.enqueued()) / secs,
                (q.consumed() - pq.consumed()) / secs,
                (q.foundEmpty() - pq.foundEmpty()) / secs,
                MetricsPublisher.latency(enqueueInterval),
                MetricsPublisher.latency(consumeInterval),
                q.enqueued(),
                q.consumed(),
                q.refused(),
                q.failed());

        ItemsCounters.Snapshot i = items.snapshot();
        ItemsCounters.Snapshot pi = previousItems;
        long landed = itemsLanded.snapshot().rowsCommitted();
        readInterval = items.readLatencyInterval(readInterval);
        long pages = i.pageReads() - pi.pageReads();
        ItemsStats itemsStats = new ItemsStats(
                (i.posted() - pi.posted()) / secs,
                pages / secs,
                (i.itemReads() - pi.itemReads()) / secs,
                pages == 0 ? -1 : (double) (i.cacheHits() - pi.cacheHits()) / pages,
                MetricsPublisher.latency(readInterval),
                (landed - previousLanded) / secs,
                i.posted(),
                landed,
                i.cacheHits(),
                i.pageReads(),
                s.itemsBacklog(),
                s.itemsRows(),
                i.refused(),
                i.failed());
        previousQueue = q;
        previousItems = i;
        previousLanded = landed;
        return new Stats(queueStats, itemsStats);
    }

    private void refresh() {
        if (!sampling.compareAndSet(false, true)) {
            return;
        }
        try {
            background.execute(() -> {
                try {
                    sample = sampler.get();
                } catch (RuntimeException e) {
                    sample = Sample.UNKNOWN;
                } finally {
                    sampling.set(false);
                }
            });
        } catch (RuntimeException e) {
            sampling.set(false); // closed
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
