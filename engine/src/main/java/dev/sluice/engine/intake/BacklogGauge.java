package dev.sluice.engine.intake;

import dev.sluice.engine.concurrent.DaemonThreads;
import dev.sluice.engine.stream.StreamBacklog;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

    private final RedisClient client;
    private final String key;
    private final IntakeGate gate;
    private StatefulRedisConnection<String, String> connection;
    private ScheduledExecutorService executor;
    private volatile boolean failing;
    private volatile boolean closing;

    public BacklogGauge(RedisClient client, String key, IntakeGate gate) {
        this.client = client;
        this.key = key;
        this.gate = gate;
    }

    /** Connects and takes the first sample before returning, so the gate starts from the real backlog. */
    public void start() {
        connection = client.connect();
        sample();
        executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("backlog-gauge"));
        executor.scheduleWithFixedDelay(this::sample, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            RedisCommands<String, String> redis = connection.sync();
            long mark = gate.sampleMark();
            long pending = gate.pending();
            long backlog = StreamBacklog.events(redis, key);
            String memory = redis.info("memory");
            gate.onSample(
                    mark,
                    pending,
                    backlog,
                    infoLong(memory, "used_memory"),
                    infoLong(memory, "maxmemory"),
                    System.nanoTime());
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
