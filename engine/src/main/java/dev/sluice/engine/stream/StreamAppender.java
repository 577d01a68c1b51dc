package dev.sluice.engine.stream;

import dev.sluice.engine.concurrent.DaemonThreads;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts accepted events into the Redis Stream, coalescing concurrent requests into pipelined
 * writes: request threads only enqueue; one {@code stream-producer} thread writes whatever has
 * queued up and flushes the connection once per round. The single events of a round go in
 * together, packed (group commit: one script call and one entry per 32 events instead of an
 * entry each). A request's future completes only when
 * Redis has every one of its entries. A batch goes in as one script call, so it lands whole or
 * not at all, in packed entries of up to {@link PackedEvents#MAX_EVENTS} events each. Every entry carries an engine-assigned event id ({@link EventIds}), drawn when the
 * request is accepted, so a command Lettuce re-sends after a reconnect cannot make a second row.
 *
 * <p>Shards ({@code --stream-shards}): each round goes whole to one stream key, the next round to
 * the next key, so a batch still lands atomically (one script, one key, one cluster slot); a key
 * whose last round failed for want of Redis is passed over for {@link #SHARD_REST_NANOS}, so a
 * Redis Cluster master that is away costs a few answers of 503, not a share of all of them. A
 * request under an Idempotency-Key always goes to the key its Idempotency-Key hashes to, where its
 * record lives beside the events (a retry must meet the record in the same script).
 *
 * <p>Concurrency: {@link #append} is called from any request thread. The connection, with
 * auto-flush off, belongs to the producer thread alone. Futures complete on Lettuce's I/O threads.
 * Memory is bounded twice, by the events and by their bytes on their way to Redis: above either
 * limit, {@link #append} refuses at once (a request alone above the byte limit still goes, so
 * nothing is refused forever).
 */
public final class StreamAppender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamAppender.class);

    private static final int MAX_REQUESTS_PER_ROUND = 2048;
    /**
     * Rounds sent whose replies have not all come back, at most; requests meanwhile join the next
     * round. One, measured with {@code bench/ingest.sh -k single} (2026-12-03): Redis spent 3.8-4.1
     * µs per single event with one round in flight, 7.2-7.3 with no limit (rounds of ~3 events),
     * 11-12 with an entry per event; p99 did not rise (7.6-8.1 ms against 8.1-8.3).
     */
    private static final int MAX_ROUNDS_IN_FLIGHT = 1;
    /** How long a stream key whose round failed (its Redis away) is passed over. */
    static final long SHARD_REST_NANOS = 1_000_000_000L;

    private final RedisLinks links;
    private final List<String> keys;
    private final String[] extraEventsKeys;
    /** Per key: System.nanoTime() before which rounds skip it, 0 when it is fine. */
    private final AtomicLongArray restUntil;

    private final long maxInFlightEvents;
    private final long maxInFlightBytes;
    private final Duration timeout;
    private final Duration idempotencyWindow;
    private final EventIds eventIds = new EventIds();
    private final LinkedBlockingQueue<Append> queue = new LinkedBlockingQueue<>();
    private final AtomicLong inFlightEvents = new AtomicLong();
    private final AtomicLong inFlightBytes = new AtomicLong();
    private final Semaphore roundsInFlight;
    private volatile boolean running;
    private RedisLink<String, byte[]> connection;
    private Thread producer;
    /** The key the next round goes to; producer thread only. */
    private int nextShard;

    /** With the byte limit of {@link #defaultMaxInFlightBytes}. */
    public StreamAppender(
            RedisClient client, String key, long maxInFlightEvents, Duration timeout, Duration idempotencyWindow) {
        this(client, key, maxInFlightEvents, defaultMaxInFlightBytes(), timeout, idempotencyWindow);
    }

    /** To the stream keys {@code keys} (one, or a sharded stream's), with the byte limit of {@link #defaultMaxInFlightBytes}. */
    public StreamAppender(
            RedisLinks links, List<String> keys, long maxInFlightEvents, Duration timeout, Duration idempotencyWindow) {
        this(links, keys, maxInFlightEvents, defaultMaxInFlightBytes(), timeout, idempotencyWindow);
    }

    /**
     * @param maxInFlightBytes  event bytes accepted but not yet confirmed by Redis
     * @param idempotencyWindow how long an Idempotency-Key record is kept in Redis
     */
    public StreamAppender(
            RedisClient client,
            String key,
            long maxInFlightEvents,
            long maxInFlightBytes,
            Duration timeout,
            Duration idempotencyWindow) {
        this(RedisLinks.of(client), List.of(key), maxInFlightEvents, maxInFlightBytes, timeout, idempotencyWindow);
    }

    /** To the stream keys {@code keys}: one, or a sharded stream's. */
    public StreamAppender(
            RedisLinks links,
            List<String> keys,
            long maxInFlightEvents,
            long maxInFlightBytes,
            Duration timeout,
            Duration idempotencyWindow) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no stream key");
        }
        this.links = links;
        this.keys = List.copyOf(keys);
        this.extraEventsKeys = keys.stream().map(StreamFields::extraEventsKey).toArray(String[]::new);
        this.restUntil = new AtomicLongArray(keys.size());
        // one round in flight per key: with several, a round awaits only its own key's Redis
        this.roundsInFlight = new Semaphore(MAX_ROUNDS_IN_FLIGHT * keys.size());
        this.maxInFlightEvents = maxInFlightEvents;
        this.maxInFlightBytes = maxInFlightBytes;
        this.timeout = timeout;
        this.idempotencyWindow = idempotencyWindow;
    }

    /** Opens the producer connection and thread. Blocks until connected; throws if Redis is unreachable. */
    public void start() {
        connection = links.connect(StreamFields.CODEC);
        connection.setAutoFlushCommands(false);
        running = true;
        producer = DaemonThreads.start("stream-producer", this::produce);
    }

    /**
     * Queues events for the stream, each with a new event id. Never blocks. The future completes
     * with the number of events once Redis holds all of them, or fails with
     * {@link StoreUnavailableException} (Redis down or slower than the timeout) or
     * {@link BackpressureException} (too much already in flight).
     */
    public CompletableFuture<Integer> append(List<byte[]> events, long receivedAtMicros) {
        return submit(events, receivedAtMicros, null, null).thenApply(ignored -> events.size());
    }

    /**
     * Like {@link #append}, under an Idempotency-Key: atomically in Redis, either the key has a
     * record (the future holds it, and nothing is added), or the events are added and
     * {@code answer} is recorded under the key for the idempotency window (the future holds empty).
     * Never blocks; fails as {@link #append} does.
     */
    public CompletableFuture<Optional<IdempotencyKey.Stored>> appendOnce(
            List<byte[]> events, long receivedAtMicros, IdempotencyKey idempotencyKey, String answer) {
        return submit(events, receivedAtMicros, idempotencyKey, answer)
                .thenApply(record -> Optional.ofNullable(record).map(IdempotencyKey.Stored::parse));
    }

    /**
     * The Redis key of an idempotency record: beside the stream key its requests go to, in that
     * key's cluster slot.
     */
    public String idempotencyRecordKey(String idempotencyKey) {
        return StreamKeys.sibling(keys.get(shardOf(idempotencyKey)), "idempotency:" + idempotencyKey);
    }

    /** The stream key a request under {@code idempotencyKey} goes to: a hash stable across engines and restarts. */
    private int shardOf(String idempotencyKey) {
        return Math.floorMod(idempotencyKey.hashCode(), keys.size());
    }

    /** The key for the next round: the next one in turn that is not resting after a failure (any, if all are). */
    private int pickShard() {
        int n = keys.size();
        long now = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int shard = (nextShard + i) % n;
            if (restUntil.get(shard) - now <= 0) {
                nextShard = shard + 1;
                return shard;
            }
        }
        return nextShard++ % n;
    }

    /** Rests {@code shard} after a failure that says its Redis is away or slow, not one a request caused. */
    private void noteFailure(int shard, Throwable error) {
        if (keys.size() > 1 && error != null && !isOutOfMemory(error)) {
            restUntil.set(shard, System.nanoTime() + SHARD_REST_NANOS);
        }
    }

    private CompletableFuture<byte[]> submit(
            List<byte[]> events, long receivedAtMicros, IdempotencyKey idempotencyKey, String answer) {
        int n = events.size();
        if (!running) {
            return CompletableFuture.failedFuture(
                    new StoreUnavailableException("the engine is not accepting events", null));
        }
        if (inFlightEvents.addAndGet(n) > maxInFlightEvents) {
            inFlightEvents.addAndGet(-n);
            return CompletableFuture.failedFuture(new BackpressureException(
                    "more than " + maxInFlightEvents + " events are on their way to Redis; retry shortly"));
        }
        long bytes = totalBytes(events);
        long allBytes = inFlightBytes.addAndGet(bytes);
        if (allBytes > maxInFlightBytes && allBytes > bytes) {
            inFlightBytes.addAndGet(-bytes);
            inFlightEvents.addAndGet(-n);
            return CompletableFuture.failedFuture(new BackpressureException(
                    "more than " + size(maxInFlightBytes) + " of events are on their way to Redis; retry shortly"));
        }
        // Ids are drawn here, at the door: a command Lettuce re-sends carries the same ids.
        byte[][] ids = new byte[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = eventIds.next();
        }
        Append append = new Append(events, ids, receivedAtMicros, idempotencyKey, answer, new CompletableFuture<>());
        queue.add(append);
        // No timer per request: Lettuce's command timeout (set to the store timeout) bounds the wait.
        return append.done.handle((record, error) -> {
            inFlightEvents.addAndGet(-n);
            inFlightBytes.addAndGet(-bytes);
            if (error == null) {
                return record;
            }
            // A command Lettuce still holds would be re-sent after a reconnect; cancelled, it
            // is dropped, so an event answered 503 does not land later behind the client's back.
            RedisFuture<?> sent = append.sent;
            if (sent != null) {
                sent.cancel(false);
            }
            throw new CompletionException(
                    isOutOfMemory(error)
                            ? new BackpressureException("Redis is full (maxmemory reached); retry later")
                            : unavailable(error, sent != null && !refusedUnsent(error)));
        });
    }

    /** Redis under {@code noeviction} answers OOM to a write once it reaches maxmemory, also from inside the batch script. */
    static boolean isOutOfMemory(Throwable error) {
        return anyCause(
                error,
                (t, m) -> t instanceof io.lettuce.core.RedisCommandExecutionException
                        && m.contains("OOM command not allowed"));
    }

    /**
     * 64 MiB, or an eighth of a smaller heap: the events are held two or three times on their way
     * (as received, packed, and encoded by Lettuce). Measured with ~1 MB batches from 64
     * connections: an eighth of a 6 GB default heap let the engine grow to 5.2 GB of RSS.
     */
    public static long defaultMaxInFlightBytes() {
        return Math.max(8L << 20, Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8));
    }

    private static long totalBytes(List<byte[]> events) {
        long bytes = 0;
        for (byte[] e : events) {
            bytes += e.length;
        }
        return bytes;
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? bytes / (1 << 20) + " MiB" : bytes + " bytes";
    }

    /** Event bytes handed to {@link #append} whose futures have not completed yet. */
    public long inFlightBytes() {
        return inFlightBytes.get();
    }

    /** Events handed to {@link #append} whose futures have not completed yet. */
    public long inFlightEvents() {
        return inFlightEvents.get();
    }

    /**
     * Lettuce refuses a command while disconnected ({@code REJECT_COMMANDS}) or after close
     * without writing it; any other failure of a command handed to it (a timeout, a connection
     * lost with the command in flight) leaves open whether Redis ran it.
     */
    static boolean refusedUnsent(Throwable error) {
        return anyCause(
                error,
                (t, m) -> t instanceof io.lettuce.core.RedisException
                        && (m.startsWith("Currently not connected") || m.equals("Connection is closed")));
    }

    /** Whether {@code error} or one of its causes, with a message, matches {@code test}. */
    private static boolean anyCause(Throwable error, java.util.function.BiPredicate<Throwable, String> test) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && test.test(t, t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private StoreUnavailableException unavailable(Throwable error, boolean mayBeStored) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof StoreUnavailableException s) {
            return s;
        }
        String unknown = mayBeStored
                ? "; Redis may still have stored the events: retry with the same Idempotency-Key to land them exactly once"
                : "";
        if (cause instanceof TimeoutException || cause instanceof RedisCommandTimeoutException) {
            return new StoreUnavailableException(
                    "Redis did not confirm the write within " + timeout.toMillis() + " ms" + unknown,
                    cause,
                    mayBeStored);
        }
        if (mayBeStored) {
            return new StoreUnavailableException(
                    "the connection to Redis failed with the write in flight (" + cause.getMessage() + ")" + unknown,
                    cause,
                    true);
        }
        return new StoreUnavailableException(
                "Redis refused the write, so none of it was stored: " + cause.getMessage(), cause);
    }

    private void produce() {
        List<Append> round = new ArrayList<>(MAX_REQUESTS_PER_ROUND);
        RedisClusterAsyncCommands<String, byte[]> redis = connection.async();
        while (running || !queue.isEmpty()) {
            try {
                Append first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                // While earlier rounds await Redis' reply, requests queue up and go as one round
                // (natural batching: no wait when Redis keeps up, bigger rounds when it does not).
                // Bounded by the store timeout, so a reply that never comes cannot stall the producer.
                round.add(first);
                boolean permitted = roundsInFlight.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
                queue.drainTo(round, MAX_REQUESTS_PER_ROUND - 1);
                if (permitted) {
                    CompletableFuture<?>[] replies = new CompletableFuture<?>[round.size()];
                    for (int i = 0; i < replies.length; i++) {
                        replies[i] = round.get(i).done;
                    }
                    CompletableFuture.allOf(replies).whenComplete((ignored, error) -> roundsInFlight.release());
                }
                int shard = keys.size() == 1 ? 0 : pickShard();
                List<Append> singles = null;
                for (Append append : round) {
                    if (append.events.size() == 1 && append.idempotencyKey == null) {
                        (singles == null ? singles = new ArrayList<>(round.size()) : singles).add(append);
                    } else {
                        send(
                                redis,
                                append,
                                append.idempotencyKey == null ? shard : shardOf(append.idempotencyKey.value()));
                    }
                }
                if (singles != null) {
                    sendSingles(redis, singles, shard);
                }
                connection.flushCommands();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false; // refuse what comes next: nothing would write it
                // nothing queued may be left without an answer: none of it was handed to Redis
                StoreUnavailableException stopped =
                        new StoreUnavailableException("the engine stopped writing to Redis", e);
                round.forEach(a -> a.done.completeExceptionally(stopped));
                for (Append a; (a = queue.poll()) != null; ) {
                    a.done.completeExceptionally(stopped);
                }
                return;
            } catch (RuntimeException e) {
                log.warn("stream-producer - write round failed: {}", e.toString());
                round.forEach(a -> a.done.completeExceptionally(e));
            } finally {
                round.clear();
            }
        }
    }

    private void send(RedisClusterAsyncCommands<String, byte[]> redis, Append append, int shard) {
        String key = keys.get(shard);
        String extraEventsKey = extraEventsKeys[shard];
        byte[] stamp = Long.toString(append.receivedAtMicros).getBytes(StandardCharsets.US_ASCII);
        RedisFuture<?> sent;
        if (append.idempotencyKey != null) {
            byte[][] args = packed(append, 3);
            args[0] = stamp;
            args[1] = Long.toString(idempotencyWindow.toMillis()).getBytes(StandardCharsets.US_ASCII);
            args[2] = append.idempotencyKey.record(append.answer);
            sent = redis.eval(
                    StreamScripts.ADD_ONCE,
                    ScriptOutputType.VALUE,
                    new String[] {key, idempotencyRecordKey(append.idempotencyKey.value()), extraEventsKey},
                    args);
        } else if (append.events.size() == 1) {
            sent = redis.xadd(
                    key,
                    Map.of(
                            StreamFields.EVENT,
                            append.events.get(0),
                            StreamFields.EVENT_ID,
                            append.ids[0],
                            StreamFields.RECEIVED_AT,
                            stamp));
        } else {
            byte[][] args = packed(append, 1);
            args[0] = stamp;
            sent = redis.eval(
                    StreamScripts.ADD_BATCH, ScriptOutputType.INTEGER, new String[] {key, extraEventsKey}, args);
        }
        append.sent = sent;
        boolean keyed = append.idempotencyKey != null;
        sent.whenComplete((result, error) -> {
            if (error == null) {
                append.done.complete(keyed ? (byte[]) result : null);
            } else {
                noteFailure(shard, error);
                append.done.completeExceptionally(error);
            }
        });
    }

    /**
     * The single events of one round, from different requests, in packed entries of up to
     * {@link PackedEvents#MAX_EVENTS}, each event with its own acceptance time: one script call
     * instead of an XADD per request. Redis spends about 6 µs on an entry over its life whatever it
     * holds (docs/perf), so under load this is most of Redis' share of a single event; a lone
     * event keeps its plain entry. All of them land or none: a failure answers every request in
     * the group as a failure of its own write.
     */
    private void sendSingles(RedisClusterAsyncCommands<String, byte[]> redis, List<Append> singles, int shard) {
        if (singles.size() == 1) {
            send(redis, singles.get(0), shard);
            return;
        }
        int n = singles.size();
        int entries = packedEntries(n);
        byte[][] args = new byte[4 * entries][];
        List<byte[]> events = new ArrayList<>(n);
        byte[][] ids = new byte[n][];
        for (int i = 0; i < n; i++) {
            events.add(singles.get(i).events.get(0));
            ids[i] = singles.get(i).ids[0];
        }
        for (int e = 0; e < entries; e++) {
            int from = e * PackedEvents.MAX_EVENTS;
            int to = Math.min(n, from + PackedEvents.MAX_EVENTS);
            ByteBuffer stamps = ByteBuffer.allocate(8 * (to - from));
            for (int i = from; i < to; i++) {
                stamps.putLong(singles.get(i).receivedAtMicros);
            }
            args[4 * e] = packedIds(ids, from, to);
            args[4 * e + 1] = PackedEvents.pack(events, from, to);
            args[4 * e + 2] = Long.toString(singles.get(from).receivedAtMicros).getBytes(StandardCharsets.US_ASCII);
            args[4 * e + 3] = stamps.array();
        }
        RedisFuture<Long> sent = redis.eval(
                StreamScripts.ADD_SINGLES,
                ScriptOutputType.INTEGER,
                new String[] {keys.get(shard), extraEventsKeys[shard]},
                args);
        for (Append a : singles) {
            a.sent = sent;
        }
        sent.whenComplete((result, error) -> {
            noteFailure(shard, error);
            for (Append a : singles) {
                if (error == null) {
                    a.done.complete(null);
                } else {
                    a.done.completeExceptionally(error);
                }
            }
        });
    }

    /**
     * Script arguments: {@code head} slots for the caller, then (event ids, packed events) for each
     * run of up to {@link PackedEvents#MAX_EVENTS} events.
     */
    private static byte[][] packed(Append append, int head) {
        int n = append.events.size();
        int entries = packedEntries(n);
        byte[][] args = new byte[head + 2 * entries][];
        for (int e = 0; e < entries; e++) {
            int from = e * PackedEvents.MAX_EVENTS;
            int to = Math.min(n, from + PackedEvents.MAX_EVENTS);
            args[head + 2 * e] = packedIds(append.ids, from, to);
            args[head + 2 * e + 1] = PackedEvents.pack(append.events, from, to);
        }
        return args;
    }

    /** Packed entries for {@code events} events: {@link PackedEvents#MAX_EVENTS} to an entry. */
    private static int packedEntries(int events) {
        return (events + PackedEvents.MAX_EVENTS - 1) / PackedEvents.MAX_EVENTS;
    }

    /** The {@code event_ids} value of a packed entry of events {@code [from, to)}: their 16-byte ids in order. */
    private static byte[] packedIds(byte[][] ids, int from, int to) {
        byte[] out = new byte[16 * (to - from)];
        for (int i = from; i < to; i++) {
            System.arraycopy(ids[i], 0, out, 16 * (i - from), 16);
        }
        return out;
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
        final byte[][] ids;
        final long receivedAtMicros;
        /** Null on the plain path. */
        final IdempotencyKey idempotencyKey;

        final String answer;
        /** Completes with the earlier request's record on a keyed replay, else with null. */
        final CompletableFuture<byte[]> done;
        /** Set by the producer thread once the command is handed to Lettuce. */
        volatile RedisFuture<?> sent;

        Append(
                List<byte[]> events,
                byte[][] ids,
                long receivedAtMicros,
                IdempotencyKey idempotencyKey,
                String answer,
                CompletableFuture<byte[]> done) {
            this.events = events;
            this.ids = ids;
            this.receivedAtMicros = receivedAtMicros;
            this.idempotencyKey = idempotencyKey;
            this.answer = answer;
            this.done = done;
        }
    }
}
