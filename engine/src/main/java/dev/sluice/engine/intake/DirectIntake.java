package dev.sluice.engine.intake;

import dev.sluice.engine.sink.LogSink;
import dev.sluice.engine.stream.IdempotencyKey;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code direct-insert} mode's intake: one transaction per request in PostgreSQL, no stream.
 * Every event lands, or none does and the refusal says whether the events or the database were
 * at fault. The sink counts its own commits.
 *
 * <p>Concurrency: blocks the calling thread on PostgreSQL and returns a completed future.
 */
public final class DirectIntake implements Intake {
    private final LogSink sink;

    public DirectIntake(LogSink sink) {
        this.sink = sink;
    }

    @Override
    public CompletableFuture<Accepted> accept(List<byte[]> events, IdempotencyKey key, long receivedAtMicros) {
        try {
            return CompletableFuture.completedFuture(new Accepted(
                    events.size(), sink.insertDirect(events, receivedAtMicros, key, Intake.answer(events.size()))));
        } catch (SQLException e) {
            if (LogSink.isContentFault(e)) {
                return CompletableFuture.failedFuture(
                        IntakeRefusedException.content("PostgreSQL refused the batch, so none of its " + events.size()
                                + " event(s) was stored: " + firstLine(e.getMessage()) + " [" + e.getSQLState() + "]"));
            }
            return CompletableFuture.failedFuture(IntakeRefusedException.unavailable(
                    "PostgreSQL refused the insert, so none of the batch was stored: " + firstLine(e.getMessage())));
        }
    }

    private static String firstLine(String message) {
        return String.valueOf(message).lines().findFirst().orElse("");
    }
}
