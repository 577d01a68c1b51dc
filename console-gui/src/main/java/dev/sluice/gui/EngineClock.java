package dev.sluice.gui;

import java.time.Duration;
import java.time.Instant;

/**
 * The engine's clock as the console estimates it: the newest snapshot's time plus how long ago
 * (on this machine's monotonic clock) the console first saw that snapshot. An attached engine's
 * clock may differ from this machine's by seconds, and a countdown to the engine's
 * {@code phaseEndsAt} must use the engine's. Stale by at most one tick's delivery delay.
 *
 * <p>Concurrency: confined to the UI thread.
 */
final class EngineClock {
    private long seq = Long.MIN_VALUE;
    private Instant at;
    private long seenNanos;

    /**
     * The engine's time now, given its newest snapshot ({@code seq} taken {@code at}) and this
     * machine's {@code System.nanoTime()}; null before the first snapshot.
     */
    Instant now(long snapshotSeq, Instant snapshotAt, long nowNanos) {
        if (snapshotAt == null) {
            return null;
        }
        if (snapshotSeq != seq || !snapshotAt.equals(at)) {
            seq = snapshotSeq;
            at = snapshotAt;
            seenNanos = nowNanos;
        }
        return at.plus(Duration.ofNanos(Math.max(0, nowNanos - seenNanos)));
    }
}
