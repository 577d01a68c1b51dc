package dev.sluice.engine.intake;

import dev.sluice.engine.stream.IdempotencyKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where {@code POST /write} hands a parsed batch: the one door into the data path. The stream
 * implementation ({@link StreamIntake}) puts the events into the Redis stream for the workers; the
 * direct one ({@link DirectIntake}) inserts them into PostgreSQL in the request's own transaction.
 *
 * <p>A refused batch completes the future exceptionally with an {@link IntakeRefusedException},
 * or, from the stream, a {@link dev.sluice.engine.stream.BackpressureException} or
 * {@link dev.sluice.engine.stream.StoreUnavailableException}.
 */
public interface Intake {
    /**
     * Lands {@code events} (all or none). With {@code key} (may be null) a retry under the same
     * key lands nothing new and completes with the first request's answer.
     *
     * @param receivedAtMicros when the request arrived, microseconds since the epoch
     */
    CompletableFuture<Accepted> accept(List<byte[]> events, IdempotencyKey key, long receivedAtMicros);

    /**
     * What became of a batch: its {@code events} stored now, or, under an Idempotency-Key already
     * used, the {@code earlier} request's answer (nothing new stored).
     */
    record Accepted(int events, Optional<IdempotencyKey.Stored> earlier) {}

    /** The 202 body for {@code events} stored; recorded with an Idempotency-Key so a retry replays it byte for byte. */
    static String answer(int events) {
        return events == 1 ? "{\"accepted\":1}" : "{\"accepted\":" + events + "}";
    }
}
