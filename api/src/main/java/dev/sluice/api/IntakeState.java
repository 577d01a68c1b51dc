package dev.sluice.api;

import java.util.Locale;

/** Whether {@code POST /write} takes events into the stream or answers 429. */
public enum IntakeState {
    /** Below the high water mark (or back below the low one) and Redis memory has room. */
    ACCEPTING,
    /** The backlog reached the high water mark and has not yet fallen below the low one, or Redis memory is nearly full. */
    THROTTLING;

    /** {@code accepting} or {@code throttling}, as the control API and the consoles show it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IntakeState fromLabel(String raw) {
        return IntakeState.valueOf(raw.trim().toUpperCase(Locale.ROOT));
    }
}
