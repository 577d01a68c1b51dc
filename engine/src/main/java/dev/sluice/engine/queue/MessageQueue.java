package dev.sluice.engine.queue;

import static dev.sluice.engine.stream.StoreUnavailableException.fromPostgres;

import dev.sluice.api.MetricsSnapshot.ChannelDepth;
import dev.sluice.engine.concurrent.BoundedExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The FIFO queue with channels on PostgreSQL (seed 003), written straight to the database:
 * enqueues and consumes each go through their own {@link GroupCommit}, so a message answered
 * with its id is committed, and consumable, before the answer leaves. Peeks and the channel list
 * run on a small bounded pool. No call blocks its caller.
 *
 * <p>Guarantees: an enqueued message is handed out by {@link #consume} at most once (it moves to
 * {@code queue_archive} in the transaction that hands it out) and, within a channel, in id order:
 * a request gets the oldest message no concurrent round holds, so one client's consumes see
 * increasing ids. (A round that fails puts its messages back; the next request may then get an
 * id lower than one a concurrent round handed out meanwhile.) A consume whose client went away before the answer reached it
 * still consumed the message: the queue is at-most-once towards consumers, as seed 003's was.
 *
 * <p>Lifecycle: starts its threads in the constructor; {@link #close} finishes what is queued.
 */
public final class MessageQueue implements AutoCloseable {
    /** Requests a round carries at most: one INSERT of 1,000 rows is still a few milliseconds. */
    static final int MAX_PER_ROUND = 1_000;
    /**
     * Consume rounds in flight at once: one waits for its commit while the other runs. Enqueues
     * keep one thread: they take the enqueue lock anyway, so a second would only queue behind it.
     */
    static final int CONSUME_THREADS = 2;
    /** How long a channel's head is trusted before a scan starts from the beginning again. */
    static final Duration HEADS_FOR = Duration.ofSeconds(1);

    private final QueueStore store;
    private final GroupCommit<NewMessage, Long> enqueues;
    private final GroupCommit<String, Optional<QueuedMessage>> consumes;
    private final BoundedExecutor reads;

    /** @param capacity requests that may wait for PostgreSQL per kind before the next is refused (429) */
    public MessageQueue(DataSource pool, int capacity) {
        this.store = new QueueStore(pool);
        this.enqueues = new GroupCommit<>("queue-enqueue", pool, capacity, MAX_PER_ROUND, QueueStore::enqueue);
        this.consumes =
                new GroupCommit<>("queue-consume", CONSUME_THREADS, pool, capacity, MAX_PER_ROUND, new ConsumeRounds());
        this.reads = new BoundedExecutor("queue-read", 2, capacity);
    }

    /**
     * The consume rounds and where each channel's oldest message is known to be (the channel's
     * head): a round starts its scan there instead of at the dead rows consumed before it. A head
     * is only ever too low, never too high: it is the lowest id a round took, and every failed
     * round forgets all heads, since the rows it held are back below them. Heads are forgotten
     * every {@link #HEADS_FOR} too, for rows another engine's failed round put back.
     */
    private static final class ConsumeRounds implements GroupCommit.Round<String, Optional<QueuedMessage>> {
        private static final long HEADS_FOR_NANOS = HEADS_FOR.toNanos();
        private final Map<String, Long> heads = new ConcurrentHashMap<>();
        private volatile long headsSince = System.nanoTime();

        @Override
        public List<Optional<QueuedMessage>> run(Connection c, List<String> channels) throws SQLException {
            if (System.nanoTime() - headsSince > HEADS_FOR_NANOS) {
                failed();
            }
            return QueueStore.consume(c, channels, heads);
        }

        @Override
        public void failed() {
            heads.clear();
            headsSince = System.nanoTime();
        }
    }

    /** Commits {@code message}; completes with its id. */
    public CompletableFuture<Long> enqueue(NewMessage message) {
        return enqueues.submit(message);
    }

    /** Consumes the oldest message of {@code channel}; empty when it has none. */
    public CompletableFuture<Optional<QueuedMessage>> consume(String channel) {
        return consumes.submit(channel);
    }

    /** Up to {@code limit} messages of {@code channel} from {@code offset}, oldest first; consumes nothing. */
    public CompletableFuture<List<QueuedMessage>> peek(String channel, long offset, int limit) {
        return reads.supply(() -> fromPostgres(() -> store.peek(channel, offset, limit)));
    }

    /** Channels with queued messages, by name. */
    public CompletableFuture<List<String>> channels() {
        return reads.supply(() -> fromPostgres(store::channels));
    }

    /** The {@code top} deepest channels and the total, exactly (one scan of the table); blocks (for the metrics sampler). */
    public Depth depth(int top) throws SQLException {
        return store.depths(top);
    }

    /** Messages waiting, from PostgreSQL's statistics (no scan); blocks. */
    public long depthEstimate() throws SQLException {
        return store.depthEstimate();
    }

    /** Messages waiting: {@code total} over all channels, the deepest channels first. */
    public record Depth(long total, List<ChannelDepth> top) {
        public Depth {
            top = List.copyOf(top);
        }
    }

    /** Finishes queued enqueues and consumes within {@code drain}, then stops. */
    public void close(Duration drain) {
        enqueues.close(drain);
        consumes.close(drain);
        reads.close();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
