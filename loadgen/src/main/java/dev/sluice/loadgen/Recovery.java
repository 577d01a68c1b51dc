package dev.sluice.loadgen;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * After load stops, waits for the target's backlog to reach 0 and times it: the recovery time of
 * the report. Only meaningful with a {@link Probe} that is present.
 *
 * <p>Concurrency: {@link #poll} runs on {@code loadgen-ticker}, {@link #await} on
 * {@code loadgen-control}, {@link #cancel} on any thread; the result is an atomic, set once.
 */
final class Recovery {
    private final Probe probe;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicLong nanos = new AtomicLong(-1);
    private volatile boolean cancelled;
    private volatile long fromNanos;

    Recovery(Probe probe) {
        this.probe = probe;
    }

    /** Load stopped at {@code stopNanos}: recovery time counts from there. */
    void begin(long stopNanos) {
        fromNanos = stopNanos;
    }

    /** Reads the backlog; the first 0 ends the wait. */
    void poll() {
        if (nanos.get() < 0 && probe.read() == 0 && nanos.compareAndSet(-1, System.nanoTime() - fromNanos)) {
            done.countDown();
        }
    }

    /** @return true when the backlog reached 0 within {@code max} */
    boolean await(Duration max) throws InterruptedException {
        return done.await(max.toMillis(), TimeUnit.MILLISECONDS) && nanos.get() >= 0;
    }

    /** Ends a wait early (generator closed); the recovery time stays unknown. */
    void cancel() {
        cancelled = true;
        done.countDown();
    }

    /** True when {@link #cancel} ended the wait (not the backlog, not the time limit). */
    boolean cancelled() {
        return cancelled && nanos.get() < 0;
    }

    Optional<Duration> time() {
        long n = nanos.get();
        return n < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(n));
    }
}
