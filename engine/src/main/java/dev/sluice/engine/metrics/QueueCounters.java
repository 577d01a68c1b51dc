package dev.sluice.engine.metrics;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Totals and latencies of the queue routes ({@code POST /message}, {@code GET /queue/{channel}}),
 * bumped on their paths; the publisher turns two {@link Snapshot}s into rates.
 *
 * <p>Concurrency: counting methods from any thread; interval histograms on the publisher thread only.
 */
public final class QueueCounters {
    private final Recorder enqueueLatencyMicros = new Recorder(IngestCounters.MAX_MICROS, 2);
    private final Recorder consumeLatencyMicros = new Recorder(IngestCounters.MAX_MICROS, 2);
    private final LongAdder enqueued = new LongAdder();
    private final LongAdder consumed = new LongAdder();
    private final LongAdder foundEmpty = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder failed = new LongAdder();

    /**
     * @param enqueued   messages answered 201
     * @param consumed   messages handed out by GET /queue (200)
     * @param foundEmpty GET /queue answered 204
     * @param refused    requests answered 4xx (bad input, 429)
     * @param failed     requests answered 5xx (PostgreSQL away, the engine not running)
     */
    public record Snapshot(long enqueued, long consumed, long foundEmpty, long refused, long failed) {}

    public Snapshot snapshot() {
        return new Snapshot(enqueued.sum(), consumed.sum(), foundEmpty.sum(), refused.sum(), failed.sum());
    }

    public void enqueued(long nanos) {
        enqueued.increment();
        enqueueLatencyMicros.recordValue(IngestCounters.clampMicros(nanos / 1_000));
    }

    public void consumed(long nanos) {
        consumed.increment();
        consumeLatencyMicros.recordValue(IngestCounters.clampMicros(nanos / 1_000));
    }

    public void foundEmpty(long nanos) {
        foundEmpty.increment();
        consumeLatencyMicros.recordValue(IngestCounters.clampMicros(nanos / 1_000));
    }

    /** A request answered {@code status} other than the success ones. */
    public void refusedOrFailed(int status) {
        if (status >= 500) {
            failed.increment();
        } else {
            refused.increment();
        }
    }

    Histogram enqueueLatencyInterval(Histogram recycle) {
        return enqueueLatencyMicros.getIntervalHistogram(recycle);
    }

    Histogram consumeLatencyInterval(Histogram recycle) {
        return consumeLatencyMicros.getIntervalHistogram(recycle);
    }
}
