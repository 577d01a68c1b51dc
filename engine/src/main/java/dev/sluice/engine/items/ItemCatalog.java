package dev.sluice.engine.items;

import static dev.sluice.engine.stream.StoreUnavailableException.fromPostgres;

import dev.sluice.api.IngestMode;
import dev.sluice.api.Knobs;
import dev.sluice.engine.concurrent.BoundedExecutor;
import dev.sluice.engine.concurrent.DaemonThreads;
import dev.sluice.engine.config.EngineConfig.StreamConfig;
import dev.sluice.engine.intake.BacklogGauge;
import dev.sluice.engine.intake.IntakeGate;
import dev.sluice.engine.intake.StreamIntake;
import dev.sluice.engine.metrics.IngestCounters;
import dev.sluice.engine.metrics.ItemsCounters.PageSource;
import dev.sluice.engine.stream.EpochMicros;
import dev.sluice.engine.stream.RedisLinks;
import dev.sluice.engine.stream.StreamAppender;
import dev.sluice.engine.stream.StreamConsumer;
import dev.sluice.engine.workers.WorkerPool;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The items workload of seed 004: writes go through their own Redis stream (the log's
 * machinery: gate, appender, a worker) into {@code items}; reads of single items come from
 * PostgreSQL, pages from the Redis response cache when it is warm ({@link ItemCache}).
 *
 * <p>Consistency: a POST is answered 202 once the item is in the stream, with the id it will
 * have; it is readable once the worker commits it (a flush interval plus a commit later), and
 * {@link #item} with a wait polls until then. A page is never older than the last committed
 * write.
 *
 * <p>Lifecycle: {@link #start} after the HTTP server is up; {@link #close} stops intake first,
 * then lets the worker drain. Concurrency: every request method is asynchronous and thread-safe.
 */
public final class ItemCatalog implements AutoCloseable {
    /** One worker: items are read-heavy, and each commit makes readers bypass the cache while it runs. */
    static final int WORKERS = 1;
    /** How often a GET with {@code ?wait=} looks again. */
    static final Duration WAIT_POLL = Duration.ofMillis(20);

    private final RedisLinks redis;
    private final StreamConfig stream;
    private final Supplier<Knobs> knobs;
    private final ItemIds ids;
    private final ItemStore store;
    private final ItemCache cache;
    private final IntakeGate gate;
    private final StreamAppender appender;
    private final StreamIntake intake;
    private final WorkerPool workers;
    private final BoundedExecutor reads;
    private final BoundedExecutor answers;
    private final ScheduledExecutorService waits =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("items-wait"));
    private BacklogGauge gauge;

    /**
     * @param stream          the items stream (its own key and group)
     * @param engineKnobs     the engine's knobs: the worker follows its batch size and flush interval
     * @param maxInFlight     events accepted but not yet in Redis before a POST is refused
     * @param storeTimeout    how long a Redis call may take
     * @param readCapacity    reads that may wait for PostgreSQL before the next is refused (429)
     * @param landed          counts what the worker commits
     */
    public ItemCatalog(
            RedisLinks redis,
            DataSource pool,
            StreamConfig stream,
            Supplier<Knobs> engineKnobs,
            long maxInFlight,
            Duration storeTimeout,
            int readCapacity,
            IngestCounters landed) {
        this.redis = redis;
        this.stream = stream;
        // items keep flowing when the log's workers are paused or switched to direct insert
        this.knobs = () -> engineKnobs.get().withPaused(false).withMode(IngestMode.STREAM_INSERT);
        this.ids = new ItemIds(pool);
        this.store = new ItemStore(pool);
        this.cache = new ItemCache(redis, "{" + stream.key() + "}:cache", storeTimeout);
        this.gate = new IntakeGate(knobs);
        this.appender =
                new StreamAppender(redis, List.of(stream.key()), maxInFlight, storeTimeout, stream.idempotencyWindow());
        this.intake = new StreamIntake(gate, appender);
        this.workers = new WorkerPool(redis, List.of(stream.key()), new ItemSink(pool, cache), knobs, stream, landed);
        this.reads = new BoundedExecutor("items-read", 4, readCapacity);
        this.answers = new BoundedExecutor("items-answer", 2, readCapacity);
    }

    /** Creates the stream's group, forgets every cached page, starts the gauge, the worker and the appender. */
    public void start(RedisClusterCommands<String, String> control) {
        StreamConsumer.ensureGroup(control, stream.key(), stream.group());
        cache.invalidateAll();
        gauge = new BacklogGauge(redis, () -> List.of(stream.key()), gate);
        gauge.start();
        workers.resize(WORKERS);
        appender.start();
    }

    /** Queues a new item; completes with its id once it is in the stream. */
    public CompletableFuture<Long> post(String name, String description) {
        long inHand = ids.nextInHand();
        CompletableFuture<Long> id =
                inHand > 0 ? CompletableFuture.completedFuture(inHand) : reads.supply(this::nextId);
        return id.thenCompose(n -> intake.accept(
                        List.of(ItemJson.one(new Item(n, name, description))), null, EpochMicros.now())
                .thenApply(accepted -> n));
    }

    /** The item {@code id}; with a positive {@code wait}, looks again until it is there or the wait is over. */
    public CompletableFuture<Optional<Item>> item(long id, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        return reads.supply(() -> fromPostgres(() -> store.byId(id))).thenCompose(found -> {
            if (found.isPresent() || System.nanoTime() >= deadline) {
                return CompletableFuture.completedFuture(found);
            }
            Executor poll = CompletableFuture.delayedExecutor(WAIT_POLL.toMillis(), TimeUnit.MILLISECONDS, waits);
            return CompletableFuture.runAsync(() -> {}, poll)
                    .thenCompose(v -> item(id, Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
        });
    }

    /** A page as the API answers it, and where it came from. */
    public record Page(byte[] json, PageSource source) {}

    /**
     * Up to {@code limit} items from {@code offset} in id order: from the cache when it holds a
     * current page, unless {@code fromDatabase} (the client sent {@code Cache-Control: no-cache}):
     * then from PostgreSQL, leaving the cache as it is.
     */
    public CompletableFuture<Page> page(long offset, int limit, boolean fromDatabase) {
        if (fromDatabase) {
            return pageFromPostgres(offset, limit).thenApply(json -> new Page(json, PageSource.BYPASS));
        }
        return cache.read(offset, limit).thenCompose(lookup -> {
            if (lookup.hit()) {
                // answered off Lettuce's one I/O thread, which otherwise writes every cached page's
                // response itself (see README, Performance: the queue and the items)
                return answers.supply(() -> new Page(lookup.page(), PageSource.HIT));
            }
            return pageFromPostgres(offset, limit).thenCompose(json -> {
                if (!lookup.cacheable()) {
                    return CompletableFuture.completedFuture(new Page(json, PageSource.BYPASS));
                }
                return cache.offer(lookup.version(), offset, limit, json)
                        .thenApply(stored -> new Page(json, stored ? PageSource.MISS : PageSource.BYPASS));
            });
        });
    }

    private CompletableFuture<byte[]> pageFromPostgres(long offset, int limit) {
        return reads.supply(() -> ItemJson.page(fromPostgres(() -> store.page(offset, limit))));
    }

    /** Rows in {@code items}, counted below {@code exactBelow}, else PostgreSQL's live-tuple estimate; blocks (for the metrics sampler). */
    public long rows(long exactBelow) throws SQLException {
        long estimate = store.countEstimate();
        return estimate < exactBelow ? store.count() : estimate;
    }

    private long nextId() {
        return fromPostgres(ids::next);
    }

    /** Stops taking items, lets the worker commit what is in the stream within {@code drain}, then closes. */
    public void close(Duration drain) {
        appender.close(drain);
        workers.stop(drain);
        if (gauge != null) {
            gauge.close();
        }
        waits.shutdownNow();
        reads.close();
        answers.close();
        cache.close();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
