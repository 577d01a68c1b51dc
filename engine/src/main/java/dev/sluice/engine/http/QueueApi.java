package dev.sluice.engine.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.engine.metrics.QueueCounters;
import dev.sluice.engine.queue.MessageQueue;
import dev.sluice.engine.queue.QueuedMessage;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The queue routes of seed 003, answered as it answered them: {@code POST /message} (201 with
 * the id), {@code GET /queue/{channel}} (the oldest message, consumed; 204 when none),
 * {@code GET /messages?channel=} (a peek; {@link HttpApi} hands requests with {@code channel}
 * here) and {@code GET /channels}. Every error is problem+json.
 *
 * <p>Concurrency: handlers run on Jetty's threads and never block them: bodies are read with
 * non-blocking IO and every database call completes a future ({@link MessageQueue}).
 */
public final class QueueApi {
    static final int PEEK_DEFAULT = 25;
    static final int PEEK_MAX = 300;

    private final MessageQueue queue;
    private final QueueCounters counters;
    private final BooleanSupplier accepting;
    private final int maxBodyBytes;
    private final int minBodyBytesPerSec;
    private final MessageBodyParser parser = new MessageBodyParser();
    private final JsonFactory json = new JsonFactory();

    /** @param accepting true while the engine runs (503 otherwise) */
    public QueueApi(
            MessageQueue queue,
            QueueCounters counters,
            BooleanSupplier accepting,
            int maxBodyBytes,
            int minBodyBytesPerSec) {
        this.queue = queue;
        this.counters = counters;
        this.accepting = accepting;
        this.maxBodyBytes = maxBodyBytes;
        this.minBodyBytesPerSec = minBodyBytesPerSec;
    }

    /** Registers {@code POST /message}, {@code GET /queue/{channel}}, {@code GET /channels}; the peek comes through {@link #peek}. */
    public void register(Javalin app) {
        app.post("/message", this::enqueue);
        app.get("/queue/{channel}", this::consume);
        app.get("/channels", this::channels);
    }

    private void enqueue(Context ctx) {
        long start = System.nanoTime();
        guard(() -> {
            requireAccepting();
            HttpApi.requireJson(ctx);
        });
        answer(
                ctx,
                () -> BodyReader.read(ctx.req(), maxBodyBytes, minBodyBytesPerSec)
                        .thenCompose(body -> queue.enqueue(parser.parse(body))),
                (c, id) -> {
                    c.status(201)
                            .contentType("application/json")
                            .result("{\"status\":\"Message inserted!\",\"id\":" + id + "}");
                    counters.enqueued(System.nanoTime() - start);
                });
    }

    private void consume(Context ctx) {
        long start = System.nanoTime();
        String channel = guard(() -> {
            requireAccepting();
            return MessageBodyParser.requireChannel(ctx.pathParam("channel"));
        });
        answer(ctx, () -> queue.consume(channel), (c, message) -> {
            if (message.isEmpty()) {
                c.status(204);
                counters.foundEmpty(System.nanoTime() - start);
                return;
            }
            c.contentType("application/json").result(render(List.of(message.get()), false));
            counters.consumed(System.nanoTime() - start);
        });
    }

    /** {@code GET /messages?channel=&offset=&limit=}: up to {@code limit} (25, at most 300) messages, consuming nothing. */
    void peek(Context ctx) {
        String channel = guard(() -> MessageBodyParser.requireChannel(ctx.queryParam("channel")));
        long offset = guard(() -> QueryParams.atLeast("offset", ctx.queryParam("offset"), 0, 0, Long.MAX_VALUE));
        int limit = guard(() -> (int) QueryParams.atLeast("limit", ctx.queryParam("limit"), PEEK_DEFAULT, 0, PEEK_MAX));
        if (limit == 0) {
            ctx.status(204);
            return;
        }
        answer(ctx, () -> queue.peek(channel, offset, limit), (c, rows) -> {
            if (rows.isEmpty()) {
                c.status(204);
            } else {
                c.contentType("application/json").result(render(rows, true));
            }
        });
    }

    private void channels(Context ctx) {
        answer(ctx, queue::channels, (c, names) -> {
            if (names.isEmpty()) {
                c.status(204);
                return;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 + names.size() * 32);
            try (JsonGenerator g = json.createGenerator(out)) {
                g.writeStartArray();
                for (String name : names) {
                    g.writeStartObject();
                    g.writeStringField("channel", name);
                    g.writeEndObject();
                }
                g.writeEndArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            c.contentType("application/json").result(out.toByteArray());
        });
    }

    private void requireAccepting() {
        AsyncAnswers.requireAccepting(accepting);
    }

    private <T> void answer(Context ctx, Supplier<CompletableFuture<T>> result, BiConsumer<Context, T> ok) {
        AsyncAnswers.answer(ctx, result, ok, counters::refusedOrFailed);
    }

    private <T> T guard(Supplier<T> check) {
        return AsyncAnswers.guard(check, counters::refusedOrFailed);
    }

    private void guard(Runnable check) {
        AsyncAnswers.guard(check, counters::refusedOrFailed);
    }

    /** One message as an object, or several as an array: {@code id, channel, message, created_at}. */
    private byte[] render(List<QueuedMessage> rows, boolean array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + rows.size() * 160);
        try (JsonGenerator g = json.createGenerator(out)) {
            if (array) {
                g.writeStartArray();
            }
            for (QueuedMessage m : rows) {
                g.writeStartObject();
                g.writeNumberField("id", m.id());
                g.writeStringField("channel", m.channel());
                g.writeFieldName("message");
                g.writeRawValue(m.messageJson());
                g.writeStringField("created_at", m.createdAt().toString());
                g.writeEndObject();
            }
            if (array) {
                g.writeEndArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
