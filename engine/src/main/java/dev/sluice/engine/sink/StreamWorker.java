package dev.sluice.engine.sink;

import dev.sluice.engine.api.EngineConfig.StreamConfig;
import dev.sluice.engine.api.IngestMode;
import dev.sluice.engine.api.Knobs;
import dev.sluice.engine.metrics.IngestCounters;
import dev.sluice.engine.stream.StreamConsumer;
import dev.sluice.engine.stream.StreamEntry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the stream into PostgreSQL: reads entries, buffers them, and flushes when the batch is
 * full or the flush interval has passed; acknowledges (and deletes) only what committed.
 *
 * <p>Failure rules: a transient failure (PostgreSQL or Redis away) keeps the buffer and retries
 * with backoff, never dead-letters. A failure caused by an entry's content isolates the batch row
 * by row; the good rows commit, and an entry that fails {@code maxAttempts} times goes to the
 * dead-letter table and is acknowledged.
 *
 * <p>Concurrency: {@link #run} on one thread {@code stream-worker-N}; {@link #requestStop} from any
 * thread. Knobs are read through a supplier on every round. Everything else is confined.
 */
final class StreamWorker implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(StreamWorker.class);
    private static final Duration IDLE_BLOCK = Duration.ofMillis(200);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(2);
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final int STOP_FLUSH_TRIES = 3;

    private final StreamConsumer consumer;
    private final LogSink sink;
    private final Supplier<Knobs> knobs;
    private final StreamConfig config;
    private final IngestCounters counters;
    private final CopyEncoder encoder = new CopyEncoder();
    private final List<StreamEntry> buffer = new ArrayList<>();
    private final Set<String> bufferedIds = new HashSet<>();
    private final List<String> unacked = new ArrayList<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final long reclaimEveryNanos;
    private volatile boolean stopRequested;
    private long firstBufferedAt;
    private long nextReclaimAt;
    private String reclaimCursor = "0-0";
    private long backoffMillis;

    StreamWorker(StreamConsumer consumer, LogSink sink, Supplier<Knobs> knobs, StreamConfig config, IngestCounters counters) {
        this.consumer = consumer;
        this.sink = sink;
        this.knobs = knobs;
        this.config = config;
        this.counters = counters;
        long half = config.reclaimIdle().toNanos() / 2;
        this.reclaimEveryNanos = Math.min(Math.max(half, Duration.ofMillis(100).toNanos()), Duration.ofSeconds(5).toNanos());
    }

    /** Asks the worker to flush what it holds and end. Returns at once. */
    void requestStop() {
        stopRequested = true;
    }

    String name() {
        return consumer.name();
    }

    @Override
    public void run() {
        try {
            recoverOwnPending();
            while (!stopRequested) {
                round(knobs.get());
            }
            for (int i = 0; i < STOP_FLUSH_TRIES && (!buffer.isEmpty() || !unacked.isEmpty()); i++) {
                flush(knobs.get(), false);
                ackPending();
            }
            if (!buffer.isEmpty() || !unacked.isEmpty()) {
                log.warn("{} - stopped with {} entries unwritten and {} unacknowledged; they stay pending and will be reclaimed",
                        name(), buffer.size(), unacked.size());
            }
        } catch (RuntimeException e) {
            log.error("{} - stopped by an unexpected error; its pending entries will be reclaimed", name(), e);
        } finally {
            consumer.close();
        }
    }

    private void round(Knobs k) {
        if (backoffMillis > 0) {
            sleep(backoffMillis);
        }
        ackPending();
        if (k.paused()) {
            flush(k, false);
            sleep(Math.min(100, k.flushInterval().toMillis()));
            return;
        }
        if (buffer.size() < k.batchSize()) {
            fill(k);
        }
        boolean full = buffer.size() >= k.batchSize();
        boolean due = !buffer.isEmpty() && System.nanoTime() - firstBufferedAt >= k.flushInterval().toNanos();
        if (full || due || stopRequested) {
            flush(k, full);
        }
    }

    private void fill(Knobs k) {
        int room = k.batchSize() - buffer.size();
        try {
            if (System.nanoTime() >= nextReclaimAt) {
                nextReclaimAt = System.nanoTime() + reclaimEveryNanos;
                StreamConsumer.Reclaimed page = consumer.reclaim(reclaimCursor, config.reclaimIdle(), room);
                reclaimCursor = page.nextCursor();
                add(page.entries());
                if (!page.entries().isEmpty()) {
                    log.info("{} - reclaimed {} entries left pending by another consumer", name(), page.entries().size());
                }
                room = k.batchSize() - buffer.size();
                if (room <= 0) {
                    return;
                }
            }
            long untilDue = k.flushInterval().toNanos() - (System.nanoTime() - firstBufferedAt);
            Duration block = buffer.isEmpty() ? IDLE_BLOCK : Duration.ofNanos(Math.max(1_000_000, Math.min(untilDue, IDLE_BLOCK.toNanos())));
            List<StreamEntry> got = consumer.readNew(room, block);
            add(got);
            backoffMillis = 0;
            if (!got.isEmpty() && got.size() < room) {
                // A partial read means the stream is drained for now. Reading again at once would
                // cost a round trip per handful of entries; let a batch build up until the flush is due.
                untilDue = k.flushInterval().toNanos() - (System.nanoTime() - firstBufferedAt);
                long pause = Math.min(untilDue, k.flushInterval().toNanos() / 4);
                if (pause > 500_000) {
                    sleep(pause / 1_000_000);
                }
            }
        } catch (RuntimeException e) {
            counters.streamErrors.increment();
            backOff("reading the stream failed: " + e.getMessage());
        }
    }

    private void recoverOwnPending() {
        while (!stopRequested) {
            try {
                List<StreamEntry> mine = consumer.readOwnPending(knobs.get().batchSize());
                if (mine.isEmpty()) {
                    return;
                }
                log.info("{} - re-reading {} entries it held unacknowledged before", name(), mine.size());
                add(mine);
                flush(knobs.get(), false);
                ackPending();
                if (!buffer.isEmpty()) {
                    return; // could not write them now; the main loop retries
                }
            } catch (RuntimeException e) {
                counters.streamErrors.increment();
                backOff("reading own pending entries failed: " + e.getMessage());
                sleep(backoffMillis);
            }
        }
    }

    private void add(List<StreamEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (buffer.isEmpty()) {
            firstBufferedAt = System.nanoTime();
        }
        for (StreamEntry e : entries) {
            // a reclaim can hand back an entry this worker already holds
            if (bufferedIds.add(e.id())) {
                buffer.add(e);
            }
        }
    }

    private void flush(Knobs k, boolean bySize) {
        if (buffer.isEmpty()) {
            return;
        }
        List<StreamEntry> writable = new ArrayList<>(buffer.size());
        List<String> done = new ArrayList<>(buffer.size());
        for (StreamEntry e : buffer) {
            if (e.event() == null) {
                done.add(e.id()); // deleted while pending: nothing left to write
            } else if (e.event().length == 0 || e.receivedAtMicros() < 0) {
                deadLetter(e, "malformed stream entry: it needs an 'event' and a numeric 'received_at' field", 1, done);
            } else {
                writable.add(e);
            }
        }
        counters.busyWorkers.incrementAndGet();
        long started = System.nanoTime();
        try {
            flushWritable(writable, done, k, bySize);
        } finally {
            counters.flushNanos.add(System.nanoTime() - started);
            counters.busyWorkers.decrementAndGet();
        }
        finish(done);
    }

    private void flushWritable(List<StreamEntry> writable, List<String> done, Knobs k, boolean bySize) {
        try {
            int written = write(writable, k.mode());
            record(writable, written, bySize);
            writable.forEach(e -> done.add(e.id()));
            writable.forEach(e -> failures.remove(e.id()));
            backoffMillis = 0;
        } catch (SQLException e) {
            if (SqlErrors.isEntryFault(e)) {
                isolate(writable, done);
            } else {
                counters.sinkErrors.increment();
                backOff("writing " + writable.size() + " rows failed: " + SqlErrors.describe(e));
            }
        } catch (LogSink.MalformedEntryException e) {
            isolate(writable, done);
        }
    }

    /** COPY for fresh entries; conflict-safe INSERT for redeliveries, for stream-insert, or after a duplicate. */
    private int write(List<StreamEntry> entries, IngestMode mode) throws SQLException {
        if (entries.isEmpty()) {
            return 0;
        }
        boolean redelivery = entries.stream().anyMatch(StreamEntry::redelivered);
        if (mode == IngestMode.STREAM_INSERT || redelivery) {
            return sink.insert(entries);
        }
        try {
            sink.copy(entries, encoder);
            return entries.size();
        } catch (SQLException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                return sink.insert(entries);
            }
            throw e;
        }
    }

    /** Writes row by row so one bad entry cannot hold back the good ones. */
    private void isolate(List<StreamEntry> entries, List<String> done) {
        for (StreamEntry e : entries) {
            try {
                record(List.of(e), sink.insert(List.of(e)), false);
                done.add(e.id());
                failures.remove(e.id());
            } catch (SQLException ex) {
                if (!SqlErrors.isEntryFault(ex)) {
                    counters.sinkErrors.increment();
                    backOff("writing rows one by one failed: " + SqlErrors.describe(ex));
                    return;
                }
                entryFailed(e, SqlErrors.describe(ex), done);
            } catch (LogSink.MalformedEntryException ex) {
                deadLetter(e, ex.getMessage(), 1, done);
            }
        }
    }

    private void entryFailed(StreamEntry e, String error, List<String> done) {
        int attempts = failures.merge(e.id(), 1, Integer::sum);
        if (attempts >= config.maxAttempts()) {
            deadLetter(e, error, attempts, done);
        } else {
            log.debug("{} - entry {} failed ({}/{}): {}", name(), e.id(), attempts, config.maxAttempts(), error);
        }
    }

    private void deadLetter(StreamEntry e, String error, int attempts, List<String> done) {
        try {
            sink.deadLetter(e, error, attempts);
            counters.deadLettered.increment();
            failures.remove(e.id());
            done.add(e.id());
            log.warn("{} - entry {} moved to dead_letters after {} attempt(s): {}", name(), e.id(), attempts, error);
        } catch (SQLException ex) {
            counters.sinkErrors.increment();
            backOff("dead-lettering " + e.id() + " failed: " + SqlErrors.describe(ex));
        }
    }

    private void record(List<StreamEntry> entries, int written, boolean bySize) {
        if (entries.isEmpty()) {
            return;
        }
        java.time.Instant now = java.time.Instant.now();
        long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        long oldest = Long.MAX_VALUE;
        for (StreamEntry e : entries) {
            counters.recordCommitLatency(nowMicros - e.receivedAtMicros());
            oldest = Math.min(oldest, e.receivedAtMicros());
        }
        counters.recordFlushLatency(nowMicros - oldest);
        counters.rowsCommitted.add(written);
        counters.duplicatesSkipped.add(entries.size() - written);
        counters.flushes.increment();
        if (bySize) {
            counters.flushesBySize.increment();
        }
    }

    /** Drops finished entries from the buffer and acknowledges them. */
    private void finish(List<String> done) {
        if (done.isEmpty()) {
            return;
        }
        Set<String> finished = new HashSet<>(done);
        buffer.removeIf(e -> finished.contains(e.id()));
        bufferedIds.removeAll(finished);
        if (!buffer.isEmpty()) {
            firstBufferedAt = System.nanoTime();
        }
        unacked.addAll(done);
        ackPending();
    }

    private void ackPending() {
        if (unacked.isEmpty()) {
            return;
        }
        try {
            consumer.ackAndDelete(unacked, ACK_TIMEOUT);
            unacked.clear();
        } catch (RuntimeException e) {
            counters.streamErrors.increment();
            backOff("acknowledging failed (rows are committed; will retry): " + e.getMessage());
        }
    }

    private void backOff(String why) {
        backoffMillis = backoffMillis == 0 ? 100 : Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        log.warn("{} - {}; retrying in {} ms", name(), why, backoffMillis);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
