package dev.sluice.gui;

import dev.sluice.api.IngestMode;
import dev.sluice.api.Knobs;
import java.time.Duration;

/** The engine knobs the console has a control for, and how each reads from and writes into {@link Knobs}. */
enum Knob {
    WORKERS("workers"), BATCH_SIZE("batch size"), FLUSH_INTERVAL("flush interval"), MODE("ingest mode"), PAUSED("workers paused"),
    HIGH_WATER("high water"), LOW_WATER("low water");

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

    /** {@code k} with this knob set to {@code value}; the Knobs constructor validates and names a bad value. */
    Knobs with(Knobs k, Object value) {
        return switch (this) {
            case WORKERS -> k.withWorkers((Integer) value);
            case BATCH_SIZE -> k.withBatchSize((Integer) value);
            case FLUSH_INTERVAL -> k.withFlushInterval(Duration.ofMillis((Integer) value));
            case MODE -> k.withMode((IngestMode) value);
            case PAUSED -> k.withPaused((Boolean) value);
            case HIGH_WATER -> withHighWater(k, (Integer) value);
            case LOW_WATER -> k.withWaterMarks(k.highWater(), (Integer) value);
        };
    }

    /** A high mark at or below the low one takes the low mark down to three quarters of it, as the CLI does. */
    private static Knobs withHighWater(Knobs k, int high) {
        int low = k.lowWater() < high ? k.lowWater() : Math.max(1, high / 4 * 3);
        return k.withWaterMarks(high, low);
    }

    /** A value as the log shows it: {@code 100 ms}, {@code stream-copy}, {@code 4}. */
    String show(Object value) {
        return this == FLUSH_INTERVAL ? value + " ms" : String.valueOf(value);
    }
}
