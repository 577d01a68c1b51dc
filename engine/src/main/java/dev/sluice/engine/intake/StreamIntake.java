package dev.sluice.engine.intake;

import dev.sluice.engine.stream.IdempotencyKey;
import dev.sluice.engine.stream.StreamAppender;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The stream modes' intake: the {@link IntakeGate} admits the batch (or refuses it while the
 * backlog is over its high water mark or Redis is nearly full), then the {@link StreamAppender}
 * puts it into the Redis stream.
 *
 * <p>Concurrency: called on request threads; never blocks (the future completes on a Lettuce
 * I/O thread).
 */
public final class StreamIntake implements Intake {
    private final IntakeGate gate;
    private final StreamAppender appender;

    public StreamIntake(IntakeGate gate, StreamAppender appender) {
        this.gate = gate;
        this.appender = appender;
    }

    @Override
    public CompletableFuture<Accepted> accept(List<byte[]> events, IdempotencyKey key, long receivedAtMicros) {
        int n = events.size();
        IntakeGate.Refusal refused = gate.tryAdmit(n);
        if (refused != null) {
            return CompletableFuture.failedFuture(
                    IntakeRefusedException.busy(refused.detail(), refused.retryAfterSeconds()));
        }
        // keyed: one Redis script lands the events and the key's record together, or neither
        // the appender never throws: every failure arrives through the future, which settles the gate
        CompletableFuture<Optional<IdempotencyKey.Stored>> appended = key == null
                ? appender.append(events, receivedAtMicros).thenApply(count -> Optional.empty())
                : appender.appendOnce(events, receivedAtMicros, key, Intake.answer(n));
        return appended.whenComplete((earlier, error) -> gate.settled(n))
                .thenApply(earlier -> new Accepted(n, earlier));
    }
}
