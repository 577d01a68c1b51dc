package dev.sluice.engine.health;

import dev.sluice.api.MetricsSnapshot.Health;
import dev.sluice.api.MetricsSnapshot.StoreHealth;
import dev.sluice.engine.concurrent.DaemonThreads;
import dev.sluice.stores.Causes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes each store off the request path and keeps the latest verdict, so {@code GET /ready}
 * and the snapshot answer at once whatever hangs. Each store has its own two threads: a
 * {@code health-probe-NAME} loop that waits at most {@code timeout} for a result, and a
 * {@code health-check-NAME} thread that runs the check itself, so a hung PostgreSQL never delays
 * the Redis verdict and a hung check never stops the loop from saying "down". A check still
 * running after {@code timeout} counts as down from the moment it started.
 *
 * <p>Concurrency: each store's state is guarded by its {@code Probe} monitor; the loop thread
 * writes it, any thread reads it ({@link #health()}, {@link #readiness()}).
 */
public final class StoreHealthMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreHealthMonitor.class);

    private final List<Probe> probes = new ArrayList<>();
    private final ToLongFunction<String> restarts;
    private final Duration interval;
    private final Duration timeout;
    private final LongSupplier nanoTime;
    private final Supplier<Instant> clock;
    private volatile boolean closed;

    /**
     * @param checks   one per store, named "postgres" and "redis"; this monitor closes them
     * @param restarts how often the engine restarted a store (by name) so far
     * @param interval pause between two checks of one store
     * @param timeout  a check that takes longer counts as down
     */
    public StoreHealthMonitor(
            List<StoreCheck> checks,
            ToLongFunction<String> restarts,
            Duration interval,
            Duration timeout,
            LongSupplier nanoTime,
            Supplier<Instant> clock) {
        this.restarts = restarts;
        this.interval = interval;
        this.timeout = timeout;
        this.nanoTime = nanoTime;
        this.clock = clock;
        for (StoreCheck c : checks) {
            probes.add(new Probe(c, nanoTime.getAsLong(), clock.get()));
        }
    }

    /** Starts the probe threads (daemons). The stores count as up until a check says otherwise. */
    public void start() {
        for (Probe p : probes) {
            p.loop = DaemonThreads.start("health-probe-" + p.check.name(), () -> loop(p));
        }
    }

    /** Every store's health now, with the stores that degrade the engine. Never blocks. */
    public Health health() {
        long now = nanoTime.getAsLong();
        StoreHealth pg = StoreHealth.UNKNOWN;
        StoreHealth redis = StoreHealth.UNKNOWN;
        List<String> down = new ArrayList<>();
        for (Probe p : probes) {
            StoreHealth h = p.view(now, clock.get());
            if (!h.up()) {
                down.add(p.check.name());
            }
            if (p.check.name().equals("postgres")) {
                pg = h;
            } else if (p.check.name().equals("redis")) {
                redis = h;
            }
        }
        return new Health(pg, redis, down);
    }

    /** True while any store is down (or its check hangs past the timeout). Never blocks. */
    public boolean anyDown() {
        long now = nanoTime.getAsLong();
        return probes.stream().anyMatch(p -> !p.view(now, clock.get()).up());
    }

    /** Store name to "" when up, or why it is down ("did not answer for 4.2 s"). Never blocks. */
    public Map<String, String> readiness() {
        long now = nanoTime.getAsLong();
        Map<String, String> out = new LinkedHashMap<>();
        for (Probe p : probes) {
            StoreHealth h = p.view(now, clock.get());
            out.put(p.check.name(), h.up() ? "" : h.detail());
        }
        return out;
    }

    private void loop(Probe p) {
        ExecutorService runner =
                Executors.newSingleThreadExecutor(DaemonThreads.named("health-check-" + p.check.name()));
        Future<?> inFlight = null;
        try {
            while (!closed) {
                if (inFlight == null) {
                    p.started(nanoTime.getAsLong());
                    inFlight = runner.submit(() -> {
                        p.check.check();
                        return null;
                    });
                }
                try {
                    inFlight.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    inFlight = null;
                    p.answered(nanoTime.getAsLong(), clock.get());
                } catch (TimeoutException e) {
                    p.failed(nanoTime.getAsLong(), clock.get(), null);
                } catch (ExecutionException e) {
                    inFlight = null;
                    p.failed(nanoTime.getAsLong(), clock.get(), Causes.describe(e.getCause()));
                }
                Thread.sleep(interval.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            runner.shutdownNow();
            try {
                p.check.close();
            } catch (RuntimeException e) {
                // a probe thread must end quietly: an escaping exception would reach whoever
                // collects uncaught ones (a JavaFX application, a test harness)
                log.debug("health - closing the {} check: {}", p.check.name(), e.toString());
            }
        }
    }

    /** Stops the probe threads and closes the checks' connections; waits up to a second each. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Probe p : probes) {
            if (p.loop != null) {
                p.loop.interrupt();
            }
            p.check.close();
        }
        for (Probe p : probes) {
            try {
                if (p.loop != null) {
                    p.loop.join(1_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** One store's verdict. */
    private final class Probe {
        final StoreCheck check;
        Thread loop;
        private volatile long inFlightSince;
        private boolean up = true;
        private Instant since;
        private long downSinceNanos;
        private String error;
        private long lastRecoveryMillis = -1;

        Probe(StoreCheck check, long nowNanos, Instant now) {
            this.check = check;
            this.since = now;
        }

        void started(long nowNanos) {
            inFlightSince = nowNanos;
        }

        synchronized void answered(long nowNanos, Instant now) {
            long start = inFlightSince;
            inFlightSince = 0;
            if (up && start != 0 && nowNanos - start > timeout.toNanos()) {
                // Answered late, before the loop saw the timeout; readers counted it down meanwhile.
                up = false;
                downSinceNanos = start;
                log.warn("stores - {} down: no answer within {}", check.name(), seconds(timeout.toNanos()));
            }
            if (!up) {
                long downNanos = nowNanos - downSinceNanos;
                lastRecoveryMillis = downNanos / 1_000_000;
                log.warn("stores - {} back after {}", check.name(), seconds(downNanos));
                up = true;
                since = now;
                error = null;
            }
        }

        /** A failed check ({@code error} set) or one still running past the timeout ({@code error} null). */
        synchronized void failed(long nowNanos, Instant now, String error) {
            long start = inFlightSince == 0 ? nowNanos : inFlightSince;
            if (error != null) {
                inFlightSince = 0;
            }
            if (up) {
                up = false;
                downSinceNanos = start;
                since = now.minusNanos(nowNanos - start);
                log.warn(
                        "stores - {} down: {}",
                        check.name(),
                        error == null ? "no answer within " + seconds(timeout.toNanos()) : error);
            }
            this.error = error;
        }

        synchronized StoreHealth view(long nowNanos, Instant now) {
            long n = restarts.applyAsLong(check.name());
            long hung = inFlightSince;
            if (up && hung != 0 && nowNanos - hung > timeout.toNanos()) {
                // The loop has not noticed yet: the check started long enough ago to count as down.
                return new StoreHealth(
                        false,
                        now.minusNanos(nowNanos - hung),
                        n,
                        lastRecoveryMillis,
                        "did not answer for " + seconds(nowNanos - hung));
            }
            if (up) {
                return new StoreHealth(true, since, n, lastRecoveryMillis, "");
            }
            String detail = "did not answer for " + seconds(nowNanos - downSinceNanos)
                    + (error == null ? "" : " (" + error + ")");
            return new StoreHealth(false, since, n, lastRecoveryMillis, detail);
        }
    }
}
