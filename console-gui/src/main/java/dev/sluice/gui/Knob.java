package dev.sluice.gui;

import dev.sluice.api.IngestMode;
import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import java.time.Duration;

/** The engine knobs the console has a control for: how each reads from {@link Knobs} and what change sets it. */
enum Knob {
    WORKERS("workers"),
    BATCH_SIZE("batch size"),
    FLUSH_INTERVAL("flush interval"),
    MODE("ingest mode"),
    PAUSED("workers paused"),
    HIGH_WATER("high water"),
    LOW_WATER("low water");

    private final String label;

    Knob(String label) {
        this.label = label;
    }

    /** How the event log names the knob. */
    String label() {
        return label;
    }

    /** The knob's value in {@code k}: Integer for numbers (flush interval in ms), IngestMode, or Boolean. */
    Object valueIn(Knobs k) {
        return switch (this) {
            case WORKERS -> k.workers();
            case BATCH_SIZE -> k.batchSize();
            case FLUSH_INTERVAL -> (int) k.flushInterval().toMillis();
            case MODE -> k.mode();
            case PAUSED -> k.paused();
            case HIGH_WATER -> k.highWater();
            case LOW_WATER -> k.lowWater();
        };
    }

    /**
     * The change that sets this knob to {@code value}; the engine merges and checks it. A high mark
     * alone brings the low mark along (three quarters of it), as {@code --high-water} does.
     */
    KnobsChange change(Object value) {
        KnobsChange none = KnobsChange.none();
        return switch (this) {
            case WORKERS -> none.withWorkers((Integer) value);
            case BATCH_SIZE -> none.withBatchSize((Integer) value);
            case FLUSH_INTERVAL -> none.withFlushInterval(Duration.ofMillis((Integer) value));
            case MODE -> none.withMode((IngestMode) value);
            case PAUSED -> none.withPaused((Boolean) value);
            case HIGH_WATER -> none.withHighWater((Integer) value);
            case LOW_WATER -> none.withLowWater((Integer) value);
        };
    }

    /** A value as the log shows it: {@code 100 ms}, {@code stream-copy}, {@code 4}. */
    String show(Object value) {
        return this == FLUSH_INTERVAL ? value + " ms" : String.valueOf(value);
    }
}
