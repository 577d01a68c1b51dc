package dev.sluice.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits for an outcome with a generous deadline, on Awaitility: the one way the modules' tests
 * wait. The deadline only stops a broken test from hanging; nothing here asserts on speed. A
 * condition that throws fails the wait at once, as an assertion inside it should.
 */
public final class Await {
    private static final Duration POLL = Duration.ofMillis(25);

    private Await() {}

    /** Polls {@code condition} every 25 ms; fails naming {@code what} after {@code atMost}. */
    public static void until(String what, Duration atMost, BooleanSupplier condition) {
        until(() -> what, atMost, condition);
    }

    /** As {@link #until(String, Duration, BooleanSupplier)}, describing the state at the deadline. */
    public static void until(Supplier<String> what, Duration atMost, BooleanSupplier condition) {
        try {
            await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(POLL).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out after " + atMost.toMillis() + " ms waiting for: " + what.get(), e);
        }
    }

    /** Waits until {@code value} equals {@code expected}; returns the last value. */
    public static <T> T value(String what, Duration atMost, Supplier<T> value, T expected) {
        until(
                () -> what + " = " + expected + " (last: " + value.get() + ")",
                atMost,
                () -> expected.equals(value.get()));
        return value.get();
    }
}
