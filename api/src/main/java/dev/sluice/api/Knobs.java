package dev.sluice.api;

import static dev.sluice.api.Checks.check;

import java.time.Duration;

/**
 * The settings that change while the engine runs. Immutable; a running engine takes a
 * {@link KnobsChange} and merges it with {@link #with}; the {@code withX} methods build start-time
 * knobs. Every value is checked here, and the message names the setting and the bad value.
 *
 * @param workers       stream workers draining the stream, 1..256
 * @param batchSize     most events one worker writes in one flush, 1..10,000
 * @param flushInterval longest time a worker holds a partial batch, 1 ms..10 s
 * @param mode          how events reach PostgreSQL
 * @param paused        workers stop draining; the API keeps accepting into the stream
 * @param highWater     stream backlog (events) at which {@code POST /write} starts answering 429, 2..100,000,000
 * @param lowWater      backlog below which it accepts again after throttling, 1..highWater-1
 */
public record Knobs(
        int workers,
        int batchSize,
        Duration flushInterval,
        IngestMode mode,
        boolean paused,
        int highWater,
        int lowWater) {

    public static final int MAX_WORKERS = 256;
    public static final int MAX_BATCH_SIZE = 10_000;
    public static final Duration MIN_FLUSH_INTERVAL = Duration.ofMillis(1);
    public static final Duration MAX_FLUSH_INTERVAL = Duration.ofSeconds(10);
    public static final int MAX_HIGH_WATER = 100_000_000;
    /**
     * About 200-250 MB of stream for 200-byte events (Redis 6.2 measured ~200 bytes per entry with MEMORY
     * USAGE, ~233 with its overhead in INFO memory), a quarter of the embedded Redis' default 1 GB maxmemory.
     */
    public static final int DEFAULT_HIGH_WATER = 1_000_000;

    public static final int DEFAULT_LOW_WATER = 750_000;

    /** 10 workers, batches of 500, flush every 100 ms, stream-copy, running, marks 1,000,000 / 750,000. */
    public static Knobs defaults() {
        return new Knobs(10, 500, Duration.ofMillis(100), IngestMode.STREAM_COPY, false);
    }

    /** The knobs with the default water marks. */
    public Knobs(int workers, int batchSize, Duration flushInterval, IngestMode mode, boolean paused) {
        this(workers, batchSize, flushInterval, mode, paused, DEFAULT_HIGH_WATER, DEFAULT_LOW_WATER);
    }

    public Knobs {
        check(workers >= 1 && workers <= MAX_WORKERS, "workers must be 1..%d, was %d", MAX_WORKERS, workers);
        check(
                batchSize >= 1 && batchSize <= MAX_BATCH_SIZE,
                "batch size must be 1..%d, was %d",
                MAX_BATCH_SIZE,
                batchSize);
        check(flushInterval != null, "flush interval must be given");
        check(
                flushInterval.compareTo(MIN_FLUSH_INTERVAL) >= 0 && flushInterval.compareTo(MAX_FLUSH_INTERVAL) <= 0,
                "flush interval must be 1 ms..10 s, was %d ms",
                flushInterval.toMillis());
        check(mode != null, "ingest mode must be given");
        check(
                highWater >= 2 && highWater <= MAX_HIGH_WATER,
                "high water must be 2..%d events, was %d",
                MAX_HIGH_WATER,
                highWater);
        check(
                lowWater >= 1 && lowWater < highWater,
                "low water must be 1..high water - 1 (%d), was %d",
                highWater - 1,
                lowWater);
    }

    /**
     * These knobs with {@code change} merged in: named knobs take the new value, the others keep
     * theirs. A high mark given without a low mark brings the low mark along ({@link #lowWaterFor}),
     * as {@code --high-water} does at start; a low mark alone is checked against the high mark in force.
     *
     * @throws IllegalArgumentException naming the knob and the value when the result is out of range
     */
    public Knobs with(KnobsChange change) {
        check(change != null, "a knobs change must be given");
        int high = change.highWater() != null ? change.highWater() : highWater;
        int low = change.lowWater() != null
                ? change.lowWater()
                : change.highWater() != null ? lowWaterFor(change.highWater()) : lowWater;
        return new Knobs(
                change.workers() != null ? change.workers() : workers,
                change.batchSize() != null ? change.batchSize() : batchSize,
                change.flushInterval() != null ? change.flushInterval() : flushInterval,
                change.mode() != null ? change.mode() : mode,
                change.paused() != null ? change.paused() : paused,
                high,
                low);
    }

    /** The low mark that goes with a high mark given alone: three quarters of it (750,000 for the default). */
    public static int lowWaterFor(int highWater) {
        return Math.max(1, highWater / 4 * 3);
    }

    public Knobs withWorkers(int n) {
        return new Knobs(n, batchSize, flushInterval, mode, paused, highWater, lowWater);
    }

    public Knobs withBatchSize(int n) {
        return new Knobs(workers, n, flushInterval, mode, paused, highWater, lowWater);
    }

    public Knobs withFlushInterval(Duration d) {
        return new Knobs(workers, batchSize, d, mode, paused, highWater, lowWater);
    }

    public Knobs withMode(IngestMode m) {
        return new Knobs(workers, batchSize, flushInterval, m, paused, highWater, lowWater);
    }

    public Knobs withPaused(boolean p) {
        return new Knobs(workers, batchSize, flushInterval, mode, p, highWater, lowWater);
    }

    /** Both marks at once, so a change that moves both past each other is checked as a whole. */
    public Knobs withWaterMarks(int high, int low) {
        return new Knobs(workers, batchSize, flushInterval, mode, paused, high, low);
    }
}
