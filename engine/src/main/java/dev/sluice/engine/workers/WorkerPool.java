package dev.sluice.engine.workers;

import dev.sluice.api.Knobs;
import dev.sluice.engine.concurrent.DaemonThreads;
import dev.sluice.engine.config.EngineConfig.StreamConfig;
import dev.sluice.engine.metrics.IngestCounters;
import dev.sluice.engine.sink.BatchSink;
import dev.sluice.engine.stream.GroupConsumer;
import dev.sluice.engine.stream.RedisLinks;
import dev.sluice.engine.stream.ShardedConsumer;
import dev.sluice.engine.stream.StreamFields;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running stream workers, resizable live. Growing starts new workers; shrinking asks the
 * newest ones to flush and stop, so no buffered entry is dropped: what a stopping worker cannot
 * write stays pending in Redis and is reclaimed by the others.
 *
 * <p>Shards: every worker may hold entries of every stream key; new entries are read by worker i
 * of n from the keys j with {@code j mod m == i mod m}, m = min(n, keys): each key has at least one
 * reader and each worker at least one key, and both spread evenly. The spread is made again when
 * workers start or stop or keys are added ({@link #keys}).
 *
 * <p>Concurrency: {@link #resize} and {@link #stop} are synchronized; called from the control
 * thread. Workers run on their own threads and only read knobs.
 */
public final class WorkerPool {
    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

    private final Function<String, GroupConsumer> consumers;
    private final BatchSink sink;
    private final Supplier<Knobs> knobs;
    private final StreamConfig config;
    private final IngestCounters counters;
    private final List<Running> active = new ArrayList<>();
    private final List<Running> retiring = new ArrayList<>();
    private List<String> keys;

    /**
     * Workers that read the stream keys {@code keys} through {@code redis}, each on its own
     * connection, and write to {@code sink}.
     */
    public WorkerPool(
            RedisLinks redis,
            List<String> keys,
            BatchSink sink,
            Supplier<Knobs> knobs,
            StreamConfig config,
            IngestCounters counters) {
        this(
                (Function<String, GroupConsumer>)
                        name -> new ShardedConsumer(redis.connect(StreamFields.CODEC), keys, config.group(), name),
                keys,
                sink,
                knobs,
                config,
                counters);
    }

    /** @param consumers opens the group member a new worker reads with, given its consumer name */
    WorkerPool(
            Function<String, GroupConsumer> consumers,
            List<String> keys,
            BatchSink sink,
            Supplier<Knobs> knobs,
            StreamConfig config,
            IngestCounters counters) {
        this.consumers = consumers;
        this.keys = List.copyOf(keys);
        this.sink = sink;
        this.knobs = knobs;
        this.config = config;
        this.counters = counters;
    }

    /** Starts or stops workers until {@code n} are active. Returns without waiting for stopping ones. */
    public synchronized void resize(int n) {
        retiring.removeIf(r -> !r.thread.isAlive());
        while (active.size() < n) {
            int index = freeIndex();
            String name = config.consumerPrefix() + "-w" + index;
            StreamWorker worker = new StreamWorker(consumers.apply(name), sink, knobs, config, counters);
            Thread thread = DaemonThreads.start("stream-worker-" + index, worker);
            active.add(new Running(worker, thread));
        }
        while (active.size() > n) {
            Running last = active.remove(active.size() - 1);
            last.worker.requestStop();
            retiring.add(last);
        }
        spread();
    }

    /** Takes {@code all} as the stream keys to drain (keys found in use by other nodes join them). */
    public synchronized void keys(List<String> all) {
        if (!all.equals(keys)) {
            keys = List.copyOf(all);
            spread();
        }
    }

    /** The stream keys drained, and for each, how many active workers read it. */
    public synchronized java.util.Map<String, Integer> readersByKey() {
        java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
        keys.forEach(k -> out.put(k, 0));
        for (int i = 0; i < active.size(); i++) {
            for (String k : readBy(i, active.size(), keys)) {
                out.merge(k, 1, Integer::sum);
            }
        }
        return out;
    }

    private void spread() {
        for (int i = 0; i < active.size(); i++) {
            active.get(i).worker.assign(keys, readBy(i, active.size(), keys));
        }
    }

    /** The keys worker {@code i} of {@code n} reads new entries from. */
    static List<String> readBy(int i, int n, List<String> keys) {
        int m = Math.min(n, keys.size());
        List<String> mine = new ArrayList<>();
        if (m == 0) {
            return mine;
        }
        for (int j = 0; j < keys.size(); j++) {
            if (j % m == i % m) {
                mine.add(keys.get(j));
            }
        }
        return mine;
    }

    /** The smallest worker number not used by an active or still-stopping worker (names must not collide). */
    private int freeIndex() {
        for (int i = 1; ; i++) {
            String name = config.consumerPrefix() + "-w" + i;
            boolean used = active.stream().anyMatch(r -> r.worker.name().equals(name))
                    || retiring.stream().anyMatch(r -> r.worker.name().equals(name));
            if (!used) {
                return i;
            }
        }
    }

    /** Workers currently draining (not counting ones still finishing a stop). */
    public synchronized int size() {
        return active.size();
    }

    /** Stops every worker after its final flush, waiting up to {@code drain} in all. Idempotent. */
    public synchronized void stop(Duration drain) {
        resize(0);
        long deadline = System.nanoTime() + drain.toNanos();
        for (Running r : retiring) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            try {
                r.thread.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (r.thread.isAlive()) {
                log.warn(
                        "{} - still flushing after the {} ms drain; its entries stay pending in Redis",
                        r.worker.name(),
                        drain.toMillis());
            }
        }
        retiring.clear();
    }

    private record Running(StreamWorker worker, Thread thread) {}
}
