package dev.sluice.tui;

/**
 * The steps a key walks a setting through, rounder and faster than +1: batch sizes, flush
 * intervals, load users and rates. Past either end a knob step goes out of range on purpose, so
 * the engine's own validation refuses it and the event line shows its reason.
 */
final class Ladder {
    static final long[] BATCH_SIZE = {1, 10, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000};
    static final long[] FLUSH_MILLIS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000};
    static final long[] USERS = {
        1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000
    };
    static final long[] RATE = {
        10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000
    };

    static final long[] HIGH_WATER = {
        100,
        200,
        500,
        1_000,
        2_000,
        5_000,
        10_000,
        20_000,
        50_000,
        100_000,
        200_000,
        500_000,
        1_000_000,
        2_000_000,
        5_000_000,
        10_000_000,
        20_000_000,
        50_000_000,
        100_000_000
    };

    private Ladder() {}

    /** The first step above {@code v}; past the top, twice {@code v}. */
    static long up(long[] steps, long v) {
        for (long s : steps) {
            if (s > v) {
                return s;
            }
        }
        return v * 2;
    }

    /** The last step below {@code v}; below the bottom, 0. */
    static long down(long[] steps, long v) {
        for (int i = steps.length - 1; i >= 0; i--) {
            if (steps[i] < v) {
                return steps[i];
            }
        }
        return 0;
    }
}
