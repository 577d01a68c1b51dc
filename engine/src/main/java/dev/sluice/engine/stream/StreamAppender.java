package dev.sluice.engine.stream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts accepted events into the Redis Stream, coalescing concurrent requests into pipelined
 * writes: request threads only enqueue; one {@code stream-producer} thread writes whatever has
 * queued up and flushes the connection once per round. A request's future completes only when
 * Redis has every one of its entries. A batch goes in as one script call, so it lands whole or
 * not at all.
 *
 * <p>Concurrency: {@link #append} is called from any request thread. The connection, with
 * auto-flush off, belongs to the producer thread alone. Futures complete on Lettuce's I/O threads.
 * {@code inFlightEvents} bounds memory: above the limit, {@link #append} refuses at once.
 */
public final class StreamAppender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamAppender.class);

    /** Adds ARGV[2..] as entries of KEYS[1], all stamped ARGV[1]; atomic, so a batch is all-or-nothing. */
    private static final String ADD_BATCH = """
            local t = ARGV[1]
            for i = 2, #ARGV do
              redis.call('XADD', KEYS[1], '*', 'event', ARGV[i], 'received_at', t)
            end
            return #ARGV - 1""";
    private static final int MAX_REQUESTS_PER_ROUND = 2048;

    private final RedisClient client;
    private final String key;
    private final long maxInFlightEvents;
    private final Duration timeout;
    private final LinkedBlockingQueue<Append> queue = new LinkedBlockingQueue<>();
    private final AtomicLong inFlightEvents = new AtomicLong();
    private volatile boolean running;
    private StatefulRedisConnection<String, byte[]> connection;
    private Thread producer;

    public StreamAppender(RedisClient client, String key, long maxInFlightEvents, Duration timeout) {
        this.client = client;
        this.key = key;
        this.maxInFlightEvents = maxInFlightEvents;
        this.timeout = timeout;
    }

    /** Opens the producer connection and thread. Blocks until connected; throws if Redis is unreachable. */
    public void start() {
        connection = client.connect(StreamFields.CODEC);
        connection.setAutoFlushCommands(false);
        running = true;
        producer = new Thread(this::produce, "stream-producer");
        producer.setDaemon(true);
        producer.start();
    }

    /**
     * Queues events for the stream. Never blocks. The future completes with the number of events
     * once Redis holds all of them, or fails with {@link StoreUnavailableException} (Redis down or
     * slower than the timeout) or {@link BackpressureException} (too much already in flight).
     */
    public CompletableFuture<Integer> append(List<byte[]> events, long receivedAtMicros) {
        int n = events.size();
        if (!running) {
            return CompletableFuture.failedFuture(new StoreUnavailableException("the engine is not accepting events", null));
        }
        if (inFlightEvents.addAndGet(n) > maxInFlightEvents) {
            inFlightEvents.addAndGet(-n);
            return CompletableFuture.failedFuture(new BackpressureException(
                    "more than " + maxInFlightEvents + " events are on their way to Redis; retry shortly"));
        }
        Append append = new Append(events, receivedAtMicros, new CompletableFuture<>());
        queue.add(append);
        // No timer per request: Lettuce's command timeout (set to the store timeout) bounds the wait.
        return append.done
                .handle((count, error) -> {
                    inFlightEvents.addAndGet(-n);
                    if (error == null) {
                        return count;
                    }
                    // A command Lettuce still holds would be re-sent after a reconnect; cancelled, it
                    // is dropped, so an event answered 503 does not land later behind the client's back.
                    RedisFuture<?> sent = append.sent;
                    if (sent != null) {
                        sent.cancel(false);
                    }
                    throw new CompletionException(isOutOfMemory(error)
                            ? new BackpressureException("Redis is full (maxmemory reached); retry later")
                            : unavailable(error));
                });
    }

    /** Redis under {@code noeviction} answers OOM to a write once it reaches maxmemory, also from inside the batch script. */
    static boolean isOutOfMemory(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (t instanceof io.lettuce.core.RedisCommandExecutionException && m != null && m.contains("OOM command not allowed")) {
                return true;
            }
        }
        return false;
    }

    /** Events handed to {@link #append} whose futures have not completed yet. */
    public long inFlightEvents() {
        return inFlightEvents.get();
    }

    private StoreUnavailableException unavailable(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof StoreUnavailableException s) {
            return s;
        }
        if (cause instanceof TimeoutException || cause instanceof RedisCommandTimeoutException) {
            return new StoreUnavailableException("Redis did not confirm the write within " + timeout.toMillis() + " ms", cause);
        }
        return new StoreUnavailableException("Redis refused the write: " + cause.getMessage(), cause);
    }

    private void produce() {
        List<Append> round = new ArrayList<>(MAX_REQUESTS_PER_ROUND);
        RedisAsyncCommands<String, byte[]> redis = connection.async();
        while (running || !queue.isEmpty()) {
            try {
                Append first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                round.add(first);
                queue.drainTo(round, MAX_REQUESTS_PER_ROUND - 1);
                for (Append append : round) {
                    send(redis, append);
                }
                connection.flushCommands();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("stream-producer - write round failed: {}", e.toString());
                round.forEach(a -> a.done.completeExceptionally(e));
            } finally {
                round.clear();
            }
        }
    }

    private void send(RedisAsyncCommands<String, byte[]> redis, Append append) {
        byte[] stamp = Long.toString(append.receivedAtMicros).getBytes(StandardCharsets.US_ASCII);
        RedisFuture<?> sent;
        if (append.events.size() == 1) {
            sent = redis.xadd(key, Map.of(StreamFields.EVENT, append.events.get(0), StreamFields.RECEIVED_AT, stamp));
        } else {
            byte[][] args = new byte[append.events.size() + 1][];
            args[0] = stamp;
            for (int i = 0; i < append.events.size(); i++) {
                args[i + 1] = append.events.get(i);
            }
            sent = redis.eval(ADD_BATCH, ScriptOutputType.INTEGER, new String[] {key}, args);
        }
        append.sent = sent;
        int n = append.events.size();
        sent.whenComplete((ignored, error) -> {
            if (error == null) {
                append.done.complete(n);
            } else {
                append.done.completeExceptionally(error);
            }
        });
    }

    /**
     * Stops taking events and waits up to {@code drain} for queued ones to reach Redis. Idempotent.
     * Anything still unconfirmed then was answered 503, never 202.
     */
    public void close(Duration drain) {
        if (!running && producer == null) {
            return;
        }
        running = false;
        long deadline = System.nanoTime() + drain.toNanos();
        while (inFlightEvents.get() > 0 && System.nanoTime() < deadline) {
            sleepQuietly(5);
        }
        if (producer != null) {
            try {
                producer.join(Math.max(1, drain.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (producer.isAlive()) {
                log.warn("stream-producer - did not stop within {} ms", drain.toMillis());
            }
            producer = null;
        }
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Append {
        final List<byte[]> events;
        final long receivedAtMicros;
        final CompletableFuture<Integer> done;
        /** Set by the producer thread once the command is handed to Lettuce. */
        volatile RedisFuture<?> sent;

        Append(List<byte[]> events, long receivedAtMicros, CompletableFuture<Integer> done) {
            this.events = events;
            this.receivedAtMicros = receivedAtMicros;
            this.done = done;
        }
    }
}
