package dev.sluice.api;

import java.time.Duration;

/**
 * A change to some knobs: every component is null when that knob stays as it is. What a console
 * sends when the user turns one control, so two consoles changing different knobs never overwrite
 * each other; the engine merges it into the knobs in force with {@link Knobs#with}.
 * Build one with {@link #none()} and the {@code withX} methods: {@code KnobsChange.none().withWorkers(4)}.
 *
 * @param workers       stream workers, or null
 * @param batchSize     events per flush, or null
 * @param flushInterval longest a partial batch waits, or null
 * @param mode          how events reach PostgreSQL, or null
 * @param paused        workers paused, or null
 * @param highWater     backlog at which intake answers 429, or null; given without {@code lowWater} it brings
 *                      the low mark along (see {@link Knobs#with})
 * @param lowWater      backlog below which intake accepts again, or null
 */
public record KnobsChange(
        Integer workers,
        Integer batchSize,
        Duration flushInterval,
        IngestMode mode,
        Boolean paused,
        Integer highWater,
        Integer lowWater) {

    private static final KnobsChange NONE = new KnobsChange(null, null, null, null, null, null, null);

    /** The change that changes nothing. */
    public static KnobsChange none() {
        return NONE;
    }

    /** The change that sets every knob to {@code target}'s value (e.g. back to {@link Knobs#defaults()}). */
    public static KnobsChange to(Knobs target) {
        return new KnobsChange(
                target.workers(),
                target.batchSize(),
                target.flushInterval(),
                target.mode(),
                target.paused(),
                target.highWater(),
                target.lowWater());
    }

    /** True when no knob is named. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    public KnobsChange withWorkers(int n) {
        return new KnobsChange(n, batchSize, flushInterval, mode, paused, highWater, lowWater);
    }

    public KnobsChange withBatchSize(int n) {
        return new KnobsChange(workers, n, flushInterval, mode, paused, highWater, lowWater);
    }

    public KnobsChange withFlushInterval(Duration d) {
        return new KnobsChange(workers, batchSize, d, mode, paused, highWater, lowWater);
    }

    public KnobsChange withMode(IngestMode m) {
        return new KnobsChange(workers, batchSize, flushInterval, m, paused, highWater, lowWater);
    }

    public KnobsChange withPaused(boolean p) {
        return new KnobsChange(workers, batchSize, flushInterval, mode, p, highWater, lowWater);
    }

    /** The high mark alone: the low mark follows it (three quarters of it), as {@code --high-water} does. */
    public KnobsChange withHighWater(int high) {
        return new KnobsChange(workers, batchSize, flushInterval, mode, paused, high, lowWater);
    }

    /** The low mark alone: checked against the high mark in force (or the one given with it). */
    public KnobsChange withLowWater(int low) {
        return new KnobsChange(workers, batchSize, flushInterval, mode, paused, highWater, low);
    }

    /** Both marks at once, so a change that moves both past each other is checked as a whole. */
    public KnobsChange withWaterMarks(int high, int low) {
        return new KnobsChange(workers, batchSize, flushInterval, mode, paused, high, low);
    }
}
