package dev.sluice.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How long an experiment's steps last. */
public enum ExperimentPace {
    /** The durations the definition gives: figures worth citing. */
    FULL,
    /** Shortened so a whole built-in experiment fits in about 3 minutes on two cores. */
    QUICK,
    /** A few seconds per step and lighter loads: for the integration tests, figures mean little. */
    TEST;

    /** The name users type and see: {@code full}, {@code quick}, {@code test}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExperimentPace fromLabel(String text) {
        for (ExperimentPace p : values()) {
            if (p.name().equalsIgnoreCase(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("pace must be one of "
                + Arrays.stream(values()).map(ExperimentPace::label).collect(Collectors.joining(", "))
                + ", was '" + text + "'");
    }
}
