package dev.sluice.engine.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * Monotonic totals bumped on the hot paths. Readers take differences between two reads to get
 * rates. Only {@link LongAdder}s: no locks, no allocation per event.
 *
 * <p>Concurrency: every field is safe to bump from any thread.
 */
public final class IngestCounters {
    /** Events answered 202 (in Redis, or inserted in direct mode). */
    public final LongAdder eventsAccepted = new LongAdder();
    /** Requests to POST /write that were accepted. */
    public final LongAdder writeRequestsAccepted = new LongAdder();
    /** Requests refused because they were malformed or too large (4xx other than 429). */
    public final LongAdder requestsRejected = new LongAdder();
    /** Requests refused for backpressure (429). */
    public final LongAdder requestsThrottled = new LongAdder();
    /** Requests refused because a store was down or the engine not running (503). */
    public final LongAdder requestsUnavailable = new LongAdder();
    /** Rows committed to PostgreSQL by workers or direct inserts. */
    public final LongAdder rowsCommitted = new LongAdder();
    /** Flushes that committed. */
    public final LongAdder flushes = new LongAdder();
    /** Flushes triggered because the batch was full (the rest were due to the interval or a stop). */
    public final LongAdder flushesBySize = new LongAdder();
    /** Entries moved to the dead-letter table. */
    public final LongAdder deadLettered = new LongAdder();
    /** Redelivered entries that turned out to be in PostgreSQL already. */
    public final LongAdder duplicatesSkipped = new LongAdder();
    /** Failed flush attempts against PostgreSQL (retried). */
    public final LongAdder sinkErrors = new LongAdder();
    /** Failed calls to Redis from workers (retried). */
    public final LongAdder streamErrors = new LongAdder();
}
