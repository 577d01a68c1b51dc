package dev.sluice.engine.intake;

import dev.sluice.engine.concurrent.DaemonThreads;
import dev.sluice.engine.stream.RedisLink;
import dev.sluice.engine.stream.RedisLinks;
import dev.sluice.engine.stream.StreamBacklog;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@link IntakeGate} the stream backlog in events ({@link StreamBacklog}) and Redis memory ({@code INFO memory}) every
 * {@link #PERIOD}, on its own connection and thread, so no request ever waits for them.
 *
 * <p>Concurrency: one {@code backlog-gauge} thread owns the connection and calls the gate's
 * sample methods. While Redis is away the gate keeps its last sample (writes get 503 anyway).
 */
public final class BacklogGauge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BacklogGauge.class);
    static final Duration PERIOD = Duration.ofMillis(100);

    private final RedisLinks links;
    private final Supplier<List<String>> keys;
    private final IntakeGate gate;
    private RedisLink<String, String> connection;
    private ScheduledExecutorService executor;
    private volatile boolean failing;
    private volatile boolean closing;

    /**
     * For the keys of a stream (one, or a sharded stream's): the gate sees their backlogs added up (a script may read
     * only one cluster slot, so each key is read on its own) and the fullest Redis master's memory.
     */
    public BacklogGauge(RedisLinks links, Supplier<List<String>> keys, IntakeGate gate) {
        this.links = links;
        this.keys = keys;
        this.gate = gate;
    }

    /** Connects and takes the first sample before returning, so the gate starts from the real backlog. */
    public void start() {
        connection = links.connect(StringCodec.UTF8);
        sample();
        executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("backlog-gauge"));
        executor.scheduleWithFixedDelay(this::sample, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            RedisClusterCommands<String, String> redis = connection.sync();
            long mark = gate.sampleMark();
            long pending = gate.pending();
            long backlog = 0;
            for (String key : keys.get()) {
                backlog += StreamBacklog.events(redis, key);
            }
            long[] memory = fullestMaster(connection.infoPerMaster("memory"));
            gate.onSample(mark, pending, backlog, memory[0], memory[1], System.nanoTime());
            if (failing) {
                failing = false;
                log.info("backlog-gauge - Redis answers again");
            }
        } catch (RuntimeException e) {
            if (!failing && !closing) {
                failing = true;
                log.warn(
                        "backlog-gauge - cannot read the backlog from Redis (keeping the last sample): {}",
                        e.toString());
            }
        }
    }

    /**
     * {used_memory, maxmemory} of the master nearest its maxmemory (the one that refuses writes
     * first under noeviction), or of the one using most when none has a limit; {-1, -1} if none answered.
     */
    static long[] fullestMaster(List<String> infos) {
        long[] fullest = {-1, -1};
        double fullestShare = -1;
        for (String info : infos) {
            long used = infoLong(info, "used_memory");
            long max = infoLong(info, "maxmemory");
            if (used < 0) {
                continue;
            }
            double share = max > 0 ? (double) used / max : 0;
            if (share > fullestShare || (share == fullestShare && used > fullest[0])) {
                fullestShare = share;
                fullest = new long[] {used, max};
            }
        }
        return fullest;
    }

    /** A numeric field of an INFO reply, or -1. */
    static long infoLong(String info, String field) {
        if (info == null) {
            return -1;
        }
        String prefix = field + ":";
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(prefix)) {
                try {
                    return Long.parseLong(line.substring(prefix.length()).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** Stops sampling and closes the connection. Idempotent. */
    @Override
    public void close() {
        closing = true;
        if (executor != null) {
            executor.shutdown(); // let a sample in progress finish: interrupting Lettuce's sync call only makes noise
            try {
                if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                    log.warn("backlog-gauge - did not stop within 2 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
