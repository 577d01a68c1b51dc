package dev.sluice.engine.workers;

import dev.sluice.api.Knobs;
import dev.sluice.engine.config.EngineConfig.StreamConfig;
import dev.sluice.engine.metrics.IngestCounters;
import dev.sluice.engine.sink.BatchSink;
import dev.sluice.engine.sink.BatchWriter;
import dev.sluice.engine.stream.FinishedEntry;
import dev.sluice.engine.stream.GroupConsumer;
import dev.sluice.engine.stream.StreamEntry;
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
 * Drains the stream into PostgreSQL: reads entries, buffers their events, and flushes when the
 * batch is full or the flush interval has passed; acknowledges (and deletes) an entry only once
 * every event it holds is committed (or dead-lettered).
 *
 * <p>Sizes: the batch size counts events. XREADGROUP counts entries, and a packed entry holds up
 * to {@link dev.sluice.engine.stream.PackedEvents#MAX_EVENTS} events, so a read asks for the room
 * left divided by the events per entry the previous read saw; the first read after single events
 * give way to batches can bring that many times the batch size. A worker also flushes once it
 * holds {@link #MAX_BUFFER_BYTES} of events, and sizes its reads by the largest entry it last
 * saw (a whole request body, 1 MiB by default, before its first read), so large events cannot
 * make a batch of 500 hundreds of megabytes; again, the first read after small entries give way
 * to large ones can bring up to the batch size of them.
 *
 * <p>Failure rules: a transient failure (PostgreSQL or Redis away) keeps the buffer and retries
 * with backoff, never dead-letters; what an entry's content causes is {@link BatchWriter}'s call.
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
    /** Event bytes one worker buffers before it flushes, whatever the batch size. */
    static final long MAX_BUFFER_BYTES = 8L << 20;

    private final GroupConsumer consumer;
    private final Supplier<Knobs> knobs;
    private final StreamConfig config;
    private final IngestCounters counters;
    private final BatchWriter writer;
    private final List<StreamEntry> buffer = new ArrayList<>();
    /** Entry id -> its events still in the buffer; an entry is acknowledged when it reaches none. */
    private final Map<String, Integer> unfinished = new HashMap<>();

    private final List<FinishedEntry> unacked = new ArrayList<>();
    private final long reclaimEveryNanos;
    private volatile boolean stopRequested;
    private long firstBufferedAt;
    private long nextReclaimAt;
    private long backoffMillis;
    private double eventsPerEntry = 1;
    /** The largest entry of the last read, bytes; a worker's first read assumes entries of a whole request body. */
    private double bytesPerEntry = 1 << 20;

    private long bufferedBytes;
    /** Events beyond one each in the packed entries this worker holds unacknowledged; see {@link IngestCounters#heldExtraEvents}. */
    private long heldExtraEvents;

    StreamWorker(
            GroupConsumer consumer,
            BatchSink sink,
            Supplier<Knobs> knobs,
            StreamConfig config,
            IngestCounters counters) {
        this.consumer = consumer;
        this.knobs = knobs;
        this.config = config;
        this.counters = counters;
        this.writer = new BatchWriter(consumer.name(), sink, config.maxAttempts(), counters);
        long half = config.reclaimIdle().toNanos() / 2;
        this.reclaimEveryNanos = Math.min(
                Math.max(half, Duration.ofMillis(100).toNanos()),
                Duration.ofSeconds(5).toNanos());
    }

    /** Asks the worker to flush what it holds and end. Returns at once. */
    void requestStop() {
        stopRequested = true;
    }

    String name() {
        return consumer.name();
    }

    /** Passes the pool's spread of stream keys to the consumer; see {@link GroupConsumer#assign}. */
    void assign(List<String> drained, List<String> read) {
        consumer.assign(drained, read);
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
                log.warn(
                        "{} - stopped with {} events unwritten and {} entries unacknowledged; they stay pending and will be reclaimed",
                        name(),
                        buffer.size(),
                        unacked.size());
            }
        } catch (RuntimeException e) {
            log.error("{} - stopped by an unexpected error; its pending entries will be reclaimed", name(), e);
        } finally {
            hold(-heldExtraEvents); // left pending: whoever reclaims them holds them now
            consumer.close();
        }
    }

    private static int size(StreamEntry e) {
        return e.event() == null ? 0 : e.event().length;
    }

    private void hold(long extraEvents) {
        if (extraEvents != 0) {
            heldExtraEvents += extraEvents;
            counters.heldExtraEvents(extraEvents);
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
        if (!full(k)) {
            fill(k);
        }
        boolean full = full(k);
        boolean due = !buffer.isEmpty()
                && System.nanoTime() - firstBufferedAt >= k.flushInterval().toNanos();
        if (full || due || stopRequested) {
            flush(k, full);
        }
    }

    private void fill(Knobs k) {
        int room = k.batchSize() - buffer.size();
        try {
            if (System.nanoTime() >= nextReclaimAt) {
                nextReclaimAt = System.nanoTime() + reclaimEveryNanos;
                List<StreamEntry> reclaimed = consumer.reclaim(config.reclaimIdle(), entriesFor(room));
                add(reclaimed);
                if (!reclaimed.isEmpty()) {
                    log.info("{} - reclaimed {} events left pending by another consumer", name(), reclaimed.size());
                }
                room = k.batchSize() - buffer.size();
                if (room <= 0) {
                    return;
                }
            }
            long untilDue = k.flushInterval().toNanos() - (System.nanoTime() - firstBufferedAt);
            Duration block = buffer.isEmpty()
                    ? IDLE_BLOCK
                    : Duration.ofNanos(Math.max(1_000_000, Math.min(untilDue, IDLE_BLOCK.toNanos())));
            int asked = entriesFor(room);
            List<StreamEntry> got = consumer.readNew(asked, block);
            int entries = add(got);
            backoffMillis = 0;
            if (entries > 0 && entries < asked) {
                // A partial read means the stream is drained for now. Reading again at once would
                // cost a round trip per handful of entries; let a batch build up until the flush is due.
                untilDue = k.flushInterval().toNanos() - (System.nanoTime() - firstBufferedAt);
                long pause = Math.min(untilDue, k.flushInterval().toNanos() / 4);
                if (pause > 500_000) {
                    sleep(pause / 1_000_000);
                }
            }
        } catch (RuntimeException e) {
            counters.streamRetry();
            backOff("reading the stream failed: " + e.getMessage());
        }
    }

    private void recoverOwnPending() {
        while (!stopRequested) {
            try {
                List<StreamEntry> mine =
                        consumer.readOwnPending(entriesFor(knobs.get().batchSize()));
                if (mine.isEmpty()) {
                    return;
                }
                log.info("{} - re-reading {} events it held unacknowledged before", name(), mine.size());
                add(mine);
                flush(knobs.get(), false);
                ackPending();
                if (!buffer.isEmpty()) {
                    return; // could not write them now; the main loop retries
                }
            } catch (RuntimeException e) {
                counters.streamRetry();
                backOff("reading own pending entries failed: " + e.getMessage());
                sleep(backoffMillis);
            }
        }
    }

    private boolean full(Knobs k) {
        return buffer.size() >= k.batchSize() || bufferedBytes >= MAX_BUFFER_BYTES;
    }

    /** Entries to ask for to fill {@code roomEvents}, from the events per entry and the largest entry of the last read. */
    private int entriesFor(int roomEvents) {
        double byEvents = Math.ceil(roomEvents / eventsPerEntry);
        double byBytes = Math.ceil((MAX_BUFFER_BYTES - bufferedBytes) / bytesPerEntry);
        return (int) Math.max(1, Math.min(roomEvents, Math.min(byEvents, byBytes)));
    }

    /** Buffers the events of entries read; returns how many entries they came in. */
    private int add(List<StreamEntry> events) {
        if (events.isEmpty()) {
            return 0;
        }
        if (buffer.isEmpty()) {
            firstBufferedAt = System.nanoTime();
        }
        int entries = 0;
        long entryBytes = 0;
        long largestEntry = 1;
        String entry = null;
        boolean take = false;
        for (StreamEntry e : events) {
            if (!e.id().equals(entry)) {
                entry = e.id();
                entries++;
                entryBytes = 0;
                // a reclaim can hand back an entry this worker already holds
                take = !unfinished.containsKey(entry);
                if (take) {
                    hold(e.entryEvents() - 1);
                }
            }
            if (take) {
                unfinished.merge(entry, 1, Integer::sum);
                buffer.add(e);
                bufferedBytes += size(e);
            }
            entryBytes += size(e);
            largestEntry = Math.max(largestEntry, entryBytes);
        }
        eventsPerEntry = events.size() / (double) entries;
        bytesPerEntry = largestEntry;
        return entries;
    }

    private void flush(Knobs k, boolean bySize) {
        if (buffer.isEmpty()) {
            return;
        }
        counters.flushBegan();
        long started = System.nanoTime();
        BatchWriter.Result result;
        try {
            result = writer.write(buffer, k.mode(), bySize);
        } finally {
            counters.flushEnded(System.nanoTime() - started);
        }
        if (result.transientFailure() == null) {
            backoffMillis = 0;
        } else {
            counters.sinkRetry();
            backOff(result.transientFailure());
        }
        finish(result.done());
    }

    /** Drops finished events from the buffer and acknowledges the entries with none left. */
    private void finish(List<String> doneKeys) {
        if (doneKeys.isEmpty()) {
            return;
        }
        Set<String> done = new HashSet<>(doneKeys);
        for (StreamEntry e : buffer) {
            if (done.contains(e.key())) {
                bufferedBytes -= size(e);
                if (unfinished.merge(e.id(), -1, Integer::sum) == 0) {
                    unfinished.remove(e.id());
                    unacked.add(FinishedEntry.of(e));
                }
            }
        }
        // one pass: removing through an iterator shifts the rest of the list each time
        buffer.removeIf(e -> done.contains(e.key()));
        if (!buffer.isEmpty()) {
            firstBufferedAt = System.nanoTime();
        }
        ackPending();
    }

    private void ackPending() {
        if (unacked.isEmpty()) {
            return;
        }
        try {
            consumer.ackAndDelete(unacked, ACK_TIMEOUT);
            long released = 0;
            for (FinishedEntry e : unacked) {
                released += e.extraEvents();
            }
            hold(-released);
            unacked.clear();
        } catch (RuntimeException e) {
            counters.streamRetry();
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
