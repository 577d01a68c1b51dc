package dev.sluice.engine.http;

import java.util.function.LongSupplier;

/**
 * The API's request rate limit ({@code --rate-limit}): a token bucket refilled at {@code perSecond}
 * that holds a tenth of a second's worth, so a rate just above the limit is refused within a
 * second rather than after a long burst. It gives experiments (max-rate) a target that throttles
 * at a known rate, and operators a plain cap in front of the stream.
 *
 * <p>Concurrency: {@link #tryAcquire} is synchronized (request threads); {@link #NONE} takes no lock.
 */
public class RateLimit {
    /** No limit: every request passes, no lock. */
    public static final RateLimit NONE = new RateLimit() {
        @Override
        public boolean tryAcquire() {
            return true;
        }
    };

    private final int perSecond;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastNanos;

    /** @param nanoTime the clock, {@code System::nanoTime} outside tests */
    public RateLimit(int perSecond, LongSupplier nanoTime) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("rate limit must be at least 1 request/s, was " + perSecond);
        }
        this.perSecond = perSecond;
        this.capacity = Math.max(1.0, perSecond / 10.0);
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.lastNanos = nanoTime.getAsLong();
    }

    private RateLimit() {
        this.perSecond = 0;
        this.capacity = 0;
        this.nanoTime = () -> 0;
    }

    /** Takes one request's token; false when the bucket is empty (answer 429). */
    public synchronized boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - lastNanos) * perSecond / 1e9);
        lastNanos = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** The limit, requests/s; 0 for none. */
    public int perSecond() {
        return perSecond;
    }
}
