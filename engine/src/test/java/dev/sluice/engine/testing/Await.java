package dev.sluice.engine.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for an outcome with a generous deadline. The deadline only stops a broken test from
 * hanging; nothing here asserts on speed.
 */
public final class Await {
    private Await() {
    }

    public static void until(String what, Duration atMost, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + atMost.toSeconds() + " s waiting for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }

    /** Waits until {@code value} stops changing and equals {@code expected}; returns the last value. */
    public static <T> T value(String what, Duration atMost, Supplier<T> value, T expected) {
        until(what + " = " + expected, atMost, () -> expected.equals(value.get()));
        return value.get();
    }
}
