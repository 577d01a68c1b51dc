package dev.sluice.tui;

import dev.sluice.api.MetricsSnapshot;
import java.util.concurrent.TimeUnit;

/**
 * A value this console just applied that the engine's reports may not show yet: a remote engine
 * reports knobs and load through snapshots, a tick late. Until the engine has published one more
 * snapshot after the change (or 3 s pass, or the engine restarted, or it agrees), the next step
 * builds on the applied value, so three quick {@code +} presses add three workers, not one.
 *
 * <p>Concurrency: confined to the {@code tui-actions} thread.
 */
final class Pending<T> {
    private static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(3);

    private T value;
    private long seq;
    private long atNanos;

    /** Remembers {@code applied}, made when {@code latest} was the newest snapshot. */
    void set(T applied, MetricsSnapshot latest) {
        value = applied;
        seq = latest == null ? -1 : latest.seq();
        atNanos = System.nanoTime();
    }

    void clear() {
        value = null;
    }

    /** What the next step builds on: {@code reported}, unless the engine cannot have reported the applied value yet. */
    T base(T reported, MetricsSnapshot latest) {
        boolean stale = value == null || value.equals(reported) || System.nanoTime() - atNanos > MAX_AGE_NANOS
                || latest == null || latest.seq() < seq || latest.seq() > seq + 1;
        if (stale) {
            value = null;
            return reported;
        }
        return value;
    }
}
