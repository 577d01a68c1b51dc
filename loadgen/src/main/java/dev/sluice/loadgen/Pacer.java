package dev.sluice.loadgen;

/**
 * The open model's schedule for one I/O thread: intended send times spaced {@code 1/rate} apart,
 * whether or not the target keeps up. When the target is slow the schedule falls behind the clock
 * (the debt); those requests go out as soon as a connection frees up and their latency still counts
 * from the intended time (wrk2). Only a position is kept, never a queue, so memory stays flat.
 *
 * <p>Concurrency: confined to its worker's event loop. Time is passed in, so tests need no clock.
 */
final class Pacer {
    private static final double NANOS_PER_SEC = 1e9;

    private long base;
    private long taken;
    private double intervalNanos = Double.POSITIVE_INFINITY;

    Pacer(long startNanos) {
        this.base = startNanos;
    }

    /**
     * Changes the rate from {@code nowNanos} on. A debt already owed stays owed; after a pause
     * (rate 0) the schedule restarts at {@code nowNanos} instead of owing the paused time.
     */
    void setRate(double perSec, long nowNanos) {
        boolean wasPaused = Double.isInfinite(intervalNanos);
        long from = wasPaused ? Math.max(nowNanos, base) : next();
        intervalNanos = perSec <= 0 ? Double.POSITIVE_INFINITY : NANOS_PER_SEC / perSec;
        // restart the count at the next intended time: each time is base + n * interval, a product
        // rather than a running sum, so rounding never accumulates over millions of requests
        base = from;
        taken = 0;
    }

    /** Intended time of the next request; {@link Long#MAX_VALUE} while paused. */
    long next() {
        return Double.isInfinite(intervalNanos) ? Long.MAX_VALUE : base + Math.round(taken * intervalNanos);
    }

    /** Takes the next intended time and moves the schedule on by one interval. */
    long take() {
        long t = next();
        taken++;
        return t;
    }

    /** Requests whose intended time is at or before {@code nowNanos} but that were not taken. */
    long owed(long nowNanos) {
        long next = next();
        if (next > nowNanos) {
            return 0;
        }
        return 1 + (long) ((nowNanos - next) / intervalNanos);
    }
}
