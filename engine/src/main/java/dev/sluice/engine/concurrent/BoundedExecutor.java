package dev.sluice.engine.concurrent;

import dev.sluice.engine.stream.BackpressureException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A few daemon threads with a bounded queue, for blocking store reads that must not hold Jetty's
 * request threads. A full queue refuses at once ({@link BackpressureException}, answered 429), so
 * a store that stalls costs bounded memory and no request threads.
 *
 * <p>Concurrency: {@link #supply} from any thread; {@link #close} once.
 */
public final class BoundedExecutor implements AutoCloseable {
    private final String name;
    private final ThreadPoolExecutor pool;

    public BoundedExecutor(String name, int threads, int capacity) {
        this.name = name;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity),
                task -> DaemonThreads.named(name + "-" + n.incrementAndGet()).newThread(task));
    }

    /** Runs {@code task} on one of the threads; what it throws fails the future. */
    public <T> CompletableFuture<T> supply(Supplier<T> task) {
        try {
            return CompletableFuture.supplyAsync(task, pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new BackpressureException(
                    name + ": " + pool.getQueue().size() + " reads already wait for the store; retry shortly"));
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }
}
