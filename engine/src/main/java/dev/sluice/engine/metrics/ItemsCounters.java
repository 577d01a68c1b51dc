package dev.sluice.engine.metrics;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Totals and latencies of the items routes. Rows the items worker commits are counted by the
 * items stream's own {@link IngestCounters}, like the log's.
 *
 * <p>Concurrency: counting methods from any thread; interval histograms on the publisher thread only.
 */
public final class ItemsCounters {
    private final Recorder readLatencyMicros = new Recorder(IngestCounters.MAX_MICROS, 2);
    private final LongAdder posted = new LongAdder();
    private final LongAdder pageReads = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();
    private final LongAdder cacheBypassed = new LongAdder();
    private final LongAdder itemReads = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder failed = new LongAdder();

    /**
     * @param posted        POST /items answered 202
     * @param pageReads     GET /items answered 200
     * @param cacheHits     pages served from the Redis cache
     * @param cacheMisses   pages read from PostgreSQL and offered to the cache
     * @param cacheBypassed pages read from PostgreSQL while a write was committing (not cached)
     * @param itemReads     GET /items/{id} answered (200 or 404)
     * @param refused       requests answered 4xx other than 404
     * @param failed        requests answered 5xx
     */
    public record Snapshot(
            long posted,
            long pageReads,
            long cacheHits,
            long cacheMisses,
            long cacheBypassed,
            long itemReads,
            long refused,
            long failed) {}

    public Snapshot snapshot() {
        return new Snapshot(
                posted.sum(),
                pageReads.sum(),
                cacheHits.sum(),
                cacheMisses.sum(),
                cacheBypassed.sum(),
                itemReads.sum(),
                refused.sum(),
                failed.sum());
    }

    public void posted() {
        posted.increment();
    }

    /** How a page was served. */
    public enum PageSource {
        HIT,
        MISS,
        BYPASS
    }

    public void pageRead(PageSource source, long nanos) {
        pageReads.increment();
        switch (source) {
            case HIT -> cacheHits.increment();
            case MISS -> cacheMisses.increment();
            case BYPASS -> cacheBypassed.increment();
        }
        readLatencyMicros.recordValue(IngestCounters.clampMicros(nanos / 1_000));
    }

    public void itemRead(long nanos) {
        itemReads.increment();
        readLatencyMicros.recordValue(IngestCounters.clampMicros(nanos / 1_000));
    }

    /** A request answered {@code status} other than the success ones (404 on an item is a read). */
    public void refusedOrFailed(int status) {
        if (status >= 500) {
            failed.increment();
        } else {
            refused.increment();
        }
    }

    Histogram readLatencyInterval(Histogram recycle) {
        return readLatencyMicros.getIntervalHistogram(recycle);
    }
}
