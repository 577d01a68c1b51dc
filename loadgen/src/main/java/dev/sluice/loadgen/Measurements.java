package dev.sluice.loadgen;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Everything the I/O threads count. The hot path only bumps {@link LongAdder}s and records into
 * HdrHistogram recorders: no locks, no allocation per request except the first time a status code
 * is seen. Each I/O thread has its own pair of {@link SingleWriterRecorder}s: a recorder shared by
 * two threads bounced its counters' cache lines between the cores on every request.
 *
 * <p>Concurrency: the {@code record*} methods are called by the {@code loadgen-io-N} threads, each
 * passing its own index; {@link #totals()} and {@link #intervals} are called by
 * {@code loadgen-ticker} only.
 */
final class Measurements {
    static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final SingleWriterRecorder[] corrected;
    private final SingleWriterRecorder[] uncorrected;
    private final Histogram[] recycled;
    final Stats eventsPerRequest = new Stats();
    final Stats thinkMillis = new Stats();
    private final LongAdder requests = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final LongAdder statusErrors = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder connectionErrors = new LongAdder();
    private final LongAdder lateSends = new LongAdder();
    private final LongAdder missedSends = new LongAdder();
    private final LongAdder inFlight = new LongAdder();
    private final ConcurrentHashMap<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    Measurements(int ioThreads) {
        corrected = new SingleWriterRecorder[ioThreads];
        uncorrected = new SingleWriterRecorder[ioThreads];
        recycled = new Histogram[ioThreads * 2];
        for (int i = 0; i < ioThreads; i++) {
            corrected[i] = new SingleWriterRecorder(3);
            uncorrected[i] = new SingleWriterRecorder(3);
        }
    }

    /**
     * Moves what every thread recorded since the last call into {@code correctedOut} and
     * {@code uncorrectedOut} (which are reset first).
     */
    void intervals(Histogram correctedOut, Histogram uncorrectedOut) {
        correctedOut.reset();
        uncorrectedOut.reset();
        for (int i = 0; i < corrected.length; i++) {
            recycled[2 * i] = corrected[i].getIntervalHistogram(recycled[2 * i]);
            correctedOut.add(recycled[2 * i]);
            recycled[2 * i + 1] = uncorrected[i].getIntervalHistogram(recycled[2 * i + 1]);
            uncorrectedOut.add(recycled[2 * i + 1]);
        }
    }

    /** A request was written {@code sentNanos}; it was meant to go at {@code intendedNanos}. */
    void recordSent(long intendedNanos, long sentNanos, int eventCount) {
        inFlight.increment();
        eventsPerRequest.record(eventCount);
        if (sentNanos - intendedNanos > LATE_NANOS) {
            lateSends.increment();
        }
    }

    /** A complete answer arrived at {@code doneNanos}. */
    void recordAnswer(int thread, int status, int eventCount, long intendedNanos, long sentNanos, long doneNanos) {
        inFlight.decrement();
        requests.increment();
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (status >= 200 && status < 300) {
            ok.increment();
            events.add(eventCount);
        } else {
            statusErrors.increment();
        }
        corrected[thread].recordValue(Math.max(0, (doneNanos - intendedNanos) / 1000));
        uncorrected[thread].recordValue(Math.max(0, (doneNanos - sentNanos) / 1000));
    }

    /** A written request ended without a complete answer; latency is not recorded (wrk does the same). */
    void recordFailure(boolean timeout) {
        inFlight.decrement();
        requests.increment();
        (timeout ? timeouts : connectionErrors).increment();
    }

    /** A connect attempt failed: counts as a connection error, but no request was written. */
    void recordConnectFailure() {
        connectionErrors.increment();
    }

    /** Open model: requests that were due but never written before load stopped. */
    void recordMissed(long n) {
        missedSends.add(n);
    }

    int inFlight() {
        return (int) inFlight.sum();
    }

    long missedSends() {
        return missedSends.sum();
    }

    Totals totals() {
        return new Totals(
                requests.sum(),
                ok.sum(),
                events.sum(),
                statusErrors.sum(),
                timeouts.sum(),
                connectionErrors.sum(),
                lateSends.sum());
    }

    Map<Integer, Long> statusCounts() {
        Map<Integer, Long> m = new TreeMap<>();
        byStatus.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** Cumulative counts at one moment; ticks subtract consecutive ones (Caffeine {@code CacheStats.minus}). */
    record Totals(
            long requests,
            long ok,
            long events,
            long statusErrors,
            long timeouts,
            long connectionErrors,
            long lateSends) {
        static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0, 0);

        Totals minus(Totals o) {
            return new Totals(
                    requests - o.requests,
                    ok - o.ok,
                    events - o.events,
                    statusErrors - o.statusErrors,
                    timeouts - o.timeouts,
                    connectionErrors - o.connectionErrors,
                    lateSends - o.lateSends);
        }
    }
}
