package dev.sluice.engine.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Monotonic totals and latency recorders bumped on the hot paths. Each method names the event it
 * counts; readers take an immutable {@link Snapshot} (the metrics publisher takes differences
 * between two to get rates) and interval histograms from the recorders. Only {@link LongAdder}s and
 * HdrHistogram {@link Recorder}s: no locks, no allocation per event.
 *
 * <p>Concurrency: every counting method is safe from any thread; only the publisher takes interval
 * histograms.
 */
public final class IngestCounters {
    /** Highest latency a recorder tracks before clamping: one hour, in microseconds. */
    /** The latency recorders' range: an hour. */
    static final long MAX_MICROS = 3_600_000_000L;

    /** POST /write receipt to response, microseconds. */
    private final Recorder writeLatencyMicros = new Recorder(MAX_MICROS, 2);
    /** API receipt to PostgreSQL commit, per row, microseconds. */
    private final Recorder commitLatencyMicros = new Recorder(MAX_MICROS, 2);

    private final LongAdder flushNanos = new LongAdder();
    private final AtomicInteger busyWorkers = new AtomicInteger();
    private final AtomicLong heldExtraEvents = new AtomicLong();
    private final LongAdder eventsAccepted = new LongAdder();
    private final LongAdder writeRequestsAccepted = new LongAdder();
    private final LongAdder requestsRejected = new LongAdder();
    private final LongAdder requestsThrottled = new LongAdder();
    private final LongAdder requestsUnavailable = new LongAdder();
    private final LongAdder requestsFailed = new LongAdder();
    private final LongAdder rowsCommitted = new LongAdder();
    private final LongAdder flushes = new LongAdder();
    private final LongAdder flushesBySize = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder duplicatesSkipped = new LongAdder();
    private final LongAdder sinkErrors = new LongAdder();
    private final LongAdder streamErrors = new LongAdder();
    private final LongAdder slowHeadersCut = new LongAdder();

    private volatile Timer writeTimer;
    private volatile Timer commitTimer;

    /**
     * The totals at one instant (each adder read once; not one atomic cut across them).
     *
     * @param eventsAccepted        events answered 202 (in Redis, or inserted in direct mode)
     * @param writeRequestsAccepted requests to POST /write answered 202 (replays included)
     * @param requestsRejected      POST /write refused as malformed or too large (4xx other than 429)
     * @param requestsThrottled     POST /write refused for backpressure (429)
     * @param requestsUnavailable   POST /write refused because a store was down or the engine not running (503)
     * @param requestsFailed        POST /write that failed inside the engine (500)
     * @param rowsCommitted         rows committed to PostgreSQL by workers or direct inserts
     * @param flushes               commits of a batch (or, in direct-insert, of a request)
     * @param flushesBySize         flushes triggered because the batch was full
     * @param deadLettered          entries moved to the dead-letter table
     * @param duplicatesSkipped     redelivered entries that were in PostgreSQL already
     * @param sinkErrors            failed flush attempts against PostgreSQL (retried)
     * @param streamErrors          failed calls to Redis from workers (retried)
     * @param slowHeadersCut        connections cut with 408: request line and headers not complete in time
     * @param flushNanos            time workers spent writing to PostgreSQL, nanoseconds
     * @param busyWorkers           workers writing to PostgreSQL right now
     * @param heldExtraEvents       events the packed entries this engine's workers hold unacknowledged
     *                              carry beyond one each: XPENDING counts entries, this makes it events
     */
    public record Snapshot(
            long eventsAccepted,
            long writeRequestsAccepted,
            long requestsRejected,
            long requestsThrottled,
            long requestsUnavailable,
            long requestsFailed,
            long rowsCommitted,
            long flushes,
            long flushesBySize,
            long deadLettered,
            long duplicatesSkipped,
            long sinkErrors,
            long streamErrors,
            long slowHeadersCut,
            long flushNanos,
            int busyWorkers,
            long heldExtraEvents) {
        /** Every answered POST /write: accepted or refused. */
        public long writeRequestsAnswered() {
            return writeRequestsAccepted + requestsRejected + requestsThrottled + requestsUnavailable + requestsFailed;
        }
    }

    /** Reads every total once. Cheap enough for each tick and scrape. */
    public Snapshot snapshot() {
        return new Snapshot(
                eventsAccepted.sum(),
                writeRequestsAccepted.sum(),
                requestsRejected.sum(),
                requestsThrottled.sum(),
                requestsUnavailable.sum(),
                requestsFailed.sum(),
                rowsCommitted.sum(),
                flushes.sum(),
                flushesBySize.sum(),
                deadLettered.sum(),
                duplicatesSkipped.sum(),
                sinkErrors.sum(),
                streamErrors.sum(),
                slowHeadersCut.sum(),
                flushNanos.sum(),
                busyWorkers.get(),
                heldExtraEvents.get());
    }

    /** A POST /write whose {@code events} are now stored (202). */
    public void writeAccepted(int events) {
        writeRequestsAccepted.increment();
        eventsAccepted.add(events);
    }

    /** A POST /write answered 202 with an earlier request's answer: nothing new stored. */
    public void writeReplayed() {
        writeRequestsAccepted.increment();
    }

    /** A POST /write refused for its own content or form (4xx other than 429). */
    public void writeRejected() {
        requestsRejected.increment();
    }

    /** A POST /write refused for backpressure (429). */
    public void writeThrottled() {
        requestsThrottled.increment();
    }

    /** A POST /write refused because a store was down or the engine was not running (503). */
    public void writeUnavailable() {
        requestsUnavailable.increment();
    }

    /** A POST /write that failed inside the engine (500). */
    public void writeFailed() {
        requestsFailed.increment();
    }

    /**
     * One commit to PostgreSQL: {@code rows} new rows, {@code skipped} entries that were there
     * already; {@code bySize} when a full batch triggered it.
     */
    public void committed(int rows, int skipped, boolean bySize) {
        rowsCommitted.add(rows);
        duplicatesSkipped.add(skipped);
        flushes.increment();
        if (bySize) {
            flushesBySize.increment();
        }
    }

    /** An entry moved to the dead-letter table. */
    public void deadLettered() {
        deadLettered.increment();
    }

    /** A failed flush attempt against PostgreSQL (it is retried). */
    public void sinkRetry() {
        sinkErrors.increment();
    }

    /** A failed worker call to Redis (it is retried). */
    public void streamRetry() {
        streamErrors.increment();
    }

    /** A connection cut with 408 because its request line and headers were late. */
    public void slowHeadersCut() {
        slowHeadersCut.increment();
    }

    /** A worker begins writing to PostgreSQL; pair with {@link #flushEnded}. */
    public void flushBegan() {
        busyWorkers.incrementAndGet();
    }

    /** A worker's write to PostgreSQL that began with {@link #flushBegan} ended after {@code nanos}. */
    public void flushEnded(long nanos) {
        flushNanos.add(nanos);
        busyWorkers.decrementAndGet();
    }

    /**
     * A worker took ({@code delta} > 0) or let go of (acknowledged, or left pending at its stop)
     * packed entries carrying {@code delta} events beyond one each.
     */
    public void heldExtraEvents(long delta) {
        heldExtraEvents.addAndGet(delta);
    }

    /** Also feeds the two latencies into {@code registry} as histograms (for Prometheus). */
    public void bindTimers(MeterRegistry registry) {
        writeTimer = Timer.builder("sluice.write.latency")
                .description("POST /write receipt to response")
                .publishPercentileHistogram()
                .register(registry);
        commitTimer = Timer.builder("sluice.commit.latency")
                .description("API receipt to PostgreSQL commit of the oldest row in each flush")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** One answered POST /write that took {@code nanos}. */
    public void recordWriteLatency(long nanos) {
        writeLatencyMicros.recordValue(clampMicros(nanos / 1_000));
        Timer t = writeTimer;
        if (t != null) {
            t.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** One committed row that was accepted {@code micros} ago. Cheap: the per-row histogram only. */
    public void recordCommitLatency(long micros) {
        commitLatencyMicros.recordValue(clampMicros(micros));
    }

    /**
     * One committed flush whose oldest row was accepted {@code oldestMicros} ago. Feeds the
     * Prometheus histogram once per flush: a per-row timer cost ~10% of the engine's CPU.
     */
    public void recordFlushLatency(long oldestMicros) {
        Timer t = commitTimer;
        if (t != null) {
            t.record(clampMicros(oldestMicros), TimeUnit.MICROSECONDS);
        }
    }

    /** Write latencies (microseconds) since the last call; reuses {@code recycle} when given. Publisher thread only. */
    Histogram writeLatencyInterval(Histogram recycle) {
        return writeLatencyMicros.getIntervalHistogram(recycle);
    }

    /** Per-row commit latencies (microseconds) since the last call; reuses {@code recycle} when given. Publisher thread only. */
    Histogram commitLatencyInterval(Histogram recycle) {
        return commitLatencyMicros.getIntervalHistogram(recycle);
    }

    /** Clamps to the recorders' range so an absurd clock jump cannot throw on the hot path. */
    static long clampMicros(long micros) {
        return Math.max(0, Math.min(MAX_MICROS, micros));
    }
}
