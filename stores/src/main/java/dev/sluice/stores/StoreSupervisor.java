package dev.sluice.stores;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts an embedded store whose process died. One daemon thread per store
 * ({@code store-supervisor-NAME}) looks at its process every {@link #CHECK_EVERY}; when it is
 * gone, it restarts it on the same data directory and port, retrying with exponential backoff
 * ({@link #FIRST_BACKOFF} doubling up to {@link #MAX_BACKOFF}) and giving up after
 * {@link #MAX_TRIES} failed tries, which it logs at ERROR: a person must act then.
 *
 * <p>Concurrency: {@link #restarts} and {@link #gaveUp} are safe from any thread; a store's
 * {@link Supervised#restart()} runs only on its own supervisor thread.
 */
final class StoreSupervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreSupervisor.class);
    static final Duration CHECK_EVERY = Duration.ofMillis(200);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    static final int MAX_TRIES = 8;

    /**
     * A store process the supervisor can look at and start again.
     *
     * @param name    "postgres" or "redis"
     * @param alive   true while the server process exists (and is not a zombie); cheap, called every check
     * @param restart cleans up after the dead process and starts a new one; blocks until it accepts connections
     */
    record Supervised(String name, BooleanSupplier alive, Restart restart) {}

    /** Starts a store again; blocks until it accepts connections. */
    @FunctionalInterface
    interface Restart {
        void run() throws Exception;
    }

    private final List<Watch> watches = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Duration checkEvery;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final int maxTries;

    StoreSupervisor(List<Supervised> stores) {
        this(stores, CHECK_EVERY, FIRST_BACKOFF, MAX_BACKOFF, MAX_TRIES);
    }

    /** With other timings: tests use milliseconds where production waits seconds. */
    StoreSupervisor(
            List<Supervised> stores, Duration checkEvery, Duration firstBackoff, Duration maxBackoff, int maxTries) {
        this.checkEvery = checkEvery;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.maxTries = maxTries;
        for (Supervised s : stores) {
            watches.add(new Watch(s));
        }
    }

    void start() {
        for (Watch w : watches) {
            w.thread.start();
        }
    }

    /** Successful restarts of {@code store} so far; 0 for a name this supervisor does not watch. */
    long restarts(String store) {
        return watches.stream()
                .filter(w -> w.store.name().equals(store))
                .mapToLong(w -> w.restarts.get())
                .sum();
    }

    /** True once the supervisor stopped trying to restart {@code store}. */
    boolean gaveUp(String store) {
        return watches.stream().anyMatch(w -> w.store.name().equals(store) && w.gaveUp);
    }

    /** Stops watching; waits up to 10 s per store for a restart in progress. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Watch w : watches) {
            w.thread.interrupt();
        }
        for (Watch w : watches) {
            try {
                w.thread.join(10_000);
                if (w.thread.isAlive()) {
                    log.warn(
                            "stores - {} supervisor still busy after 10 s; stopping the stores anyway", w.store.name());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class Watch {
        final Supervised store;
        final AtomicLong restarts = new AtomicLong();
        final Thread thread;
        volatile boolean gaveUp;

        Watch(Supervised store) {
            this.store = store;
            this.thread = new Thread(this::run, "store-supervisor-" + store.name());
            this.thread.setDaemon(true);
        }

        private void run() {
            try {
                while (!closed.get() && !gaveUp) {
                    if (!store.alive().getAsBoolean() && !closed.get()) {
                        recover();
                    }
                    Thread.sleep(checkEvery.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void recover() throws InterruptedException {
            long t0 = System.nanoTime();
            log.warn("stores - embedded {} died; restarting it on the same data directory and port", store.name());
            long backoff = firstBackoff.toMillis();
            for (int attempt = 1; attempt <= maxTries && !closed.get(); attempt++) {
                try {
                    store.restart().run();
                    restarts.incrementAndGet();
                    log.warn(
                            "stores - embedded {} restarted (try {}) after {} ms",
                            store.name(),
                            attempt,
                            (System.nanoTime() - t0) / 1_000_000);
                    return;
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    if (Thread.currentThread().isInterrupted() || closed.get()) {
                        return;
                    }
                    log.warn(
                            "stores - restarting embedded {} failed (try {} of {}): {}; next try in {} ms",
                            store.name(),
                            attempt,
                            maxTries,
                            Causes.describe(e),
                            backoff);
                }
                Thread.sleep(backoff);
                backoff = Math.min(maxBackoff.toMillis(), backoff * 2);
            }
            if (!closed.get()) {
                gaveUp = true;
                log.error(
                        "stores - gave up restarting embedded {} after {} tries; the engine stays DEGRADED until it is "
                                + "restarted (stop the engine and start it again)",
                        store.name(),
                        maxTries);
            }
        }
    }
}
