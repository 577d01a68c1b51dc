package dev.sluice.loadgen.api;

import java.time.Duration;

/**
 * One step of a load plan: the offered load (users or requests/s, whichever the run's
 * {@link LoadModel} uses) moves linearly from {@code from} to {@code to} over {@code duration}.
 * A hold or a step has {@code from == to}.
 */
public record Stage(double from, double to, Duration duration) {
    public Stage {
        Check.require(Double.isFinite(from) && from >= 0, "stage start must be a number >= 0, was %s", from);
        Check.require(Double.isFinite(to) && to >= 0, "stage end must be a number >= 0, was %s", to);
        Check.notNull(duration, "stage duration");
        Check.require(
                !duration.isNegative() && !duration.isZero(), "stage duration must be positive, was %s", duration);
    }

    /** The load {@code into} this stage, clamped to the stage's span. */
    public double valueAt(Duration into) {
        double f = Math.min(1.0, Math.max(0.0, (double) into.toNanos() / duration.toNanos()));
        return from + (to - from) * f;
    }

    /** True when the load changes during the stage. */
    public boolean isRamp() {
        return from != to;
    }
}
