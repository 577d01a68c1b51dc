package dev.sluice.engine.api;

import static dev.sluice.engine.api.Checks.check;

import java.time.Duration;

/**
 * The settings that change while the engine runs. Immutable; build a changed copy with the
 * {@code withX} methods and hand it to the engine. Every value is checked here, and the message
 * names the setting and the bad value.
 *
 * @param workers       stream workers draining the stream, 1..256
 * @param batchSize     most entries one worker writes in one flush, 1..10,000
 * @param flushInterval longest time a worker holds a partial batch, 1 ms..10 s
 * @param mode          how events reach PostgreSQL
 * @param paused        workers stop draining; the API keeps accepting into the stream
 */
public record Knobs(int workers, int batchSize, Duration flushInterval, IngestMode mode, boolean paused) {

    public static final int MAX_WORKERS = 256;
    public static final int MAX_BATCH_SIZE = 10_000;
    public static final Duration MIN_FLUSH_INTERVAL = Duration.ofMillis(1);
    public static final Duration MAX_FLUSH_INTERVAL = Duration.ofSeconds(10);

    /** 10 workers, batches of 500, flush every 100 ms, stream-copy, running. */
    public static Knobs defaults() {
        return new Knobs(10, 500, Duration.ofMillis(100), IngestMode.STREAM_COPY, false);
    }

    public Knobs {
        check(workers >= 1 && workers <= MAX_WORKERS, "workers must be 1..%d, was %d", MAX_WORKERS, workers);
        check(batchSize >= 1 && batchSize <= MAX_BATCH_SIZE, "batch size must be 1..%d, was %d", MAX_BATCH_SIZE, batchSize);
        check(flushInterval != null, "flush interval must be given");
        check(flushInterval.compareTo(MIN_FLUSH_INTERVAL) >= 0 && flushInterval.compareTo(MAX_FLUSH_INTERVAL) <= 0,
                "flush interval must be 1 ms..10 s, was %d ms", flushInterval.toMillis());
        check(mode != null, "ingest mode must be given");
    }

    public Knobs withWorkers(int n) {
        return new Knobs(n, batchSize, flushInterval, mode, paused);
    }

    public Knobs withBatchSize(int n) {
        return new Knobs(workers, n, flushInterval, mode, paused);
    }

    public Knobs withFlushInterval(Duration d) {
        return new Knobs(workers, batchSize, d, mode, paused);
    }

    public Knobs withMode(IngestMode m) {
        return new Knobs(workers, batchSize, flushInterval, m, paused);
    }

    public Knobs withPaused(boolean p) {
        return new Knobs(workers, batchSize, flushInterval, mode, p);
    }
}
