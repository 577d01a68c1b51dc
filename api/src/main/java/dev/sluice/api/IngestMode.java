package dev.sluice.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How accepted events travel to PostgreSQL. Switchable live through {@link Knobs}. */
public enum IngestMode {
    /** The naive baseline: the HTTP handler inserts one row per event before answering. */
    DIRECT_INSERT("direct-insert"),
    /** Through the Redis Stream; workers write with multi-row INSERT. */
    STREAM_INSERT("stream-insert"),
    /** Through the Redis Stream; workers write with one COPY per flush. The default. */
    STREAM_COPY("stream-copy");

    private final String label;

    IngestMode(String label) {
        this.label = label;
    }

    /** The name users type and see, e.g. {@code stream-copy}. */
    public String label() {
        return label;
    }

    /** Parses a label such as {@code stream-copy}; the message lists the valid ones. */
    public static IngestMode fromLabel(String text) {
        for (IngestMode mode : values()) {
            if (mode.label.equalsIgnoreCase(text) || mode.name().equalsIgnoreCase(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("ingest mode must be one of "
                + Arrays.stream(values()).map(IngestMode::label).collect(Collectors.joining(", "))
                + ", was '" + text + "'");
    }

    @Override
    public String toString() {
        return label;
    }
}
