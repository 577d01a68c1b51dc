package dev.sluice.engine.intake;

import dev.sluice.api.IngestMode;
import dev.sluice.engine.stream.IdempotencyKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Picks the intake for each batch by the live {@code mode} knob: {@code direct-insert} goes to
 * PostgreSQL at once, the stream modes go through Redis. A mode change applies from the next batch.
 */
public final class IntakeByMode implements Intake {
    private final Supplier<IngestMode> mode;
    private final Intake stream;
    private final Intake direct;

    public IntakeByMode(Supplier<IngestMode> mode, Intake stream, Intake direct) {
        this.mode = mode;
        this.stream = stream;
        this.direct = direct;
    }

    @Override
    public CompletableFuture<Accepted> accept(List<byte[]> events, IdempotencyKey key, long receivedAtMicros) {
        return (mode.get() == IngestMode.DIRECT_INSERT ? direct : stream).accept(events, key, receivedAtMicros);
    }
}
