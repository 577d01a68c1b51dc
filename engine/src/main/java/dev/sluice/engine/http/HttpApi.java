package dev.sluice.engine.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.engine.intake.Intake;
import dev.sluice.engine.intake.IntakeRefusedException;
import dev.sluice.engine.metrics.IngestCounters;
import dev.sluice.engine.sink.SinkUnavailableException;
import dev.sluice.engine.sink.StoredEvent;
import dev.sluice.engine.sink.StoredEvents;
import dev.sluice.engine.stream.BackpressureException;
import dev.sluice.engine.stream.EpochMicros;
import dev.sluice.engine.stream.IdempotencyKey;
import dev.sluice.engine.stream.StoreUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The ingest and read routes of the engine: {@code POST /write}, {@code GET /messages},
 * {@code GET /health}, {@code GET /ready}. Every error is {@code application/problem+json}.
 *
 * <p>Concurrency: handlers run on Jetty's request threads. {@code POST /write} reads its body with
 * non-blocking IO ({@link BodyReader}) and, in the stream modes, never blocks a thread on Redis: it
 * answers when the intake's future completes. The problem+json mappers are installed by the server
 * setup ({@link ProblemMappers}), not here.
 */
public final class HttpApi {
    static final String PROBLEM_JSON = "application/problem+json";
    private static final int DEFAULT_N = 100;
    private static final int MAX_N = 1000;

    private final Intake intake;
    private final StoredEvents stored;
    private final IngestCounters counters;
    private final BooleanSupplier accepting;
    private final Supplier<Map<String, String>> readiness;
    private final EventBatchParser parser;
    private final int maxBodyBytes;
    private final JsonFactory json = new JsonFactory();
    private final AccessRules access;
    private final int minBodyBytesPerSec;
    private final RateLimit rateLimit;

    /**
     * @param accepting true while the engine takes new events (false while starting or stopping: 503)
     * @param readiness store name to "" when it answers, or why not ("did not answer for 4.2 s"),
     *                  from the latest health probe: {@code GET /ready} must never wait for a store
     * @param intake    where a parsed batch goes (the engine picks stream or direct by the live mode)
     * @param stored    the rows {@code GET /messages} reads
     * @param readToken   token the read routes need, or null (open)
     * @param ingestToken token {@code POST /write} needs, or null (open)
     * @param minBodyBytesPerSec a body still arriving slower than this gets 408; 0 for no check
     * @param rateLimit   requests/s {@code POST /write} takes before 429 ({@link RateLimit#NONE}: no limit)
     */
    public HttpApi(
            Intake intake,
            StoredEvents stored,
            IngestCounters counters,
            BooleanSupplier accepting,
            Supplier<Map<String, String>> readiness,
            int maxBodyBytes,
            int maxBatchEvents,
            String readToken,
            String ingestToken,
            int minBodyBytesPerSec,
            RateLimit rateLimit) {
        this.minBodyBytesPerSec = minBodyBytesPerSec;
        this.rateLimit = rateLimit;
        this.access = new AccessRules(readToken, ingestToken);
        this.intake = intake;
        this.stored = stored;
        this.counters = counters;
        this.accepting = accepting;
        this.readiness = readiness;
        this.parser = new EventBatchParser(maxBatchEvents);
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Registers the routes on {@code app}; errors render through the {@link ProblemMappers} installed on it. */
    public void register(Javalin app) {
        register(app, null);
    }

    /**
     * As {@link #register(Javalin)}; {@code GET /messages} with a {@code channel} parameter is a
     * queue peek and goes to {@code queue} (without one, {@code channel} is refused).
     */
    public void register(Javalin app, QueueApi queue) {
        access.register(app);
        app.post("/write", this::write);
        app.get("/messages", ctx -> {
            if (ctx.queryParam("channel") == null) {
                messages(ctx);
            } else if (queue != null) {
                queue.peek(ctx);
            } else {
                throw Problem.badRequest("this port has no queue: GET /messages takes n (or limit) only");
            }
        });
        app.get("/health", ctx -> ctx.json(Map.of("status", "up")));
        app.get("/ready", this::ready);
    }

    private void write(Context ctx) {
        long startNanos = System.nanoTime();
        long receivedAtMicros = EpochMicros.now();
        String idempotencyKey;
        try {
            if (!accepting.getAsBoolean()) {
                throw Problem.unavailable("the engine is not accepting events right now (starting or draining)");
            }
            if (!rateLimit.tryAcquire()) {
                throw new Problem(
                        429,
                        "Too Many Requests",
                        "over the API rate limit of " + rateLimit.perSecond() + " requests/s (--rate-limit)",
                        1);
            }
            requireJson(ctx);
            idempotencyKey = IdempotencyHeader.read(ctx);
        } catch (Problem p) {
            count(p, startNanos);
            throw p;
        }
        // Javalin starts the async context before it calls the supplier: the body is read without
        // holding this thread, so a client that sends it slowly costs no request thread
        ctx.future(() -> BodyReader.read(ctx.req(), maxBodyBytes, minBodyBytesPerSec)
                .thenCompose(body -> ingest(body, idempotencyKey, receivedAtMicros))
                .handle((written, error) -> {
                    try {
                        if (error != null) {
                            throw toProblem(error);
                        }
                        if (written.accepted().earlier().isPresent()) {
                            replayed(
                                    ctx,
                                    written.key(),
                                    written.accepted().earlier().get(),
                                    startNanos);
                        } else {
                            accepted(ctx, written.accepted().events(), startNanos);
                        }
                    } catch (Problem p) {
                        count(p, startNanos);
                        Problems.write(ctx, p);
                    }
                    return null;
                }));
    }

    /** The intake's answer and the request's key (null without an Idempotency-Key header). */
    private record Written(Intake.Accepted accepted, IdempotencyKey key) {}

    /** Parses, then hands the batch to the intake. Direct-insert blocks the thread that completed the body read; the stream modes never block. */
    private CompletableFuture<Written> ingest(byte[] body, String idempotencyKey, long receivedAtMicros) {
        List<byte[]> events = parser.parse(body);
        IdempotencyKey key = idempotencyKey == null ? null : IdempotencyHeader.of(idempotencyKey, body);
        return intake.accept(events, key, receivedAtMicros).thenApply(accepted -> new Written(accepted, key));
    }

    private void accepted(Context ctx, int n, long startNanos) {
        counters.writeAccepted(n);
        ctx.status(202).contentType("application/json").result(Intake.answer(n));
        counters.recordWriteLatency(System.nanoTime() - startNanos);
    }

    /** A retry under a used key: the first answer again (nothing new landed), or 422 for another body. */
    private void replayed(Context ctx, IdempotencyKey key, IdempotencyKey.Stored earlier, long startNanos) {
        if (!earlier.sameBody(key)) {
            throw IdempotencyHeader.reusedWithAnotherBody(key);
        }
        counters.writeReplayed();
        ctx.status(202)
                .header(IdempotencyHeader.REPLAYED, "true")
                .contentType("application/json")
                .result(earlier.answer());
        counters.recordWriteLatency(System.nanoTime() - startNanos);
    }

    private void count(Problem p, long startNanos) {
        switch (p.status()) {
            case 429 -> counters.writeThrottled();
            case 503 -> counters.writeUnavailable();
            default -> {
                if (p.status() >= 500) {
                    counters.writeFailed();
                } else {
                    counters.writeRejected();
                }
            }
        }
        counters.recordWriteLatency(System.nanoTime() - startNanos);
    }

    static Problem toProblem(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof Problem p) {
            return p;
        }
        if (cause instanceof IntakeRefusedException r) {
            return switch (r.reason()) {
                case BUSY -> new Problem(429, "Too Many Requests", r.getMessage(), r.retryAfterSeconds());
                case CONTENT -> new Problem(422, "Unprocessable Content", r.getMessage());
                case UNAVAILABLE -> Problem.unavailable(r.getMessage());
            };
        }
        if (cause instanceof BackpressureException b) {
            return Problem.busy(b.getMessage());
        }
        if (cause instanceof StoreUnavailableException s) {
            return s.mayBeStored() ? Problem.outcomeUnknown(s.getMessage()) : Problem.unavailable(s.getMessage());
        }
        return Problem.unavailable("the event could not be queued: " + cause);
    }

    static void requireJson(Context ctx) {
        String type = ctx.contentType();
        String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase();
        if (!base.equals("application/json") && !(base.startsWith("application/") && base.endsWith("+json"))) {
            throw new Problem(
                    415,
                    "Unsupported Media Type",
                    "Content-Type must be application/json, was " + (type == null ? "missing" : "'" + type + "'"));
        }
    }

    /** The newest rows of the log; {@code limit} is a synonym of {@code n} (seed 000's clients send it). */
    private void messages(Context ctx) {
        String raw = ctx.queryParam("n");
        String limit = ctx.queryParam("limit");
        if (raw != null && limit != null && !raw.equals(limit)) {
            throw Problem.badRequest("give n or limit (they mean the same), not both with different values");
        }
        int n = parseN(raw != null ? raw : limit);
        List<StoredEvent> rows;
        try {
            rows = stored.latest(n);
        } catch (SinkUnavailableException e) {
            throw Problem.unavailable(e.getMessage());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + rows.size() * 256);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartArray();
            for (StoredEvent row : rows) {
                g.writeStartObject();
                g.writeNumberField("id", row.id());
                g.writeStringField("stream_id", row.streamId());
                g.writeStringField("event_id", row.eventId());
                g.writeStringField("received_at", String.valueOf(row.receivedAt()));
                g.writeStringField("created_at", String.valueOf(row.createdAt()));
                g.writeFieldName("event");
                g.writeRawValue(row.eventJson());
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.contentType("application/json").result(out.toByteArray());
    }

    static int parseN(String raw) {
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_N;
        }
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= 1 && n <= MAX_N) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the one message below
        }
        throw Problem.badRequest("n (or limit) must be a whole number from 1 to " + MAX_N + ", was '" + raw + "'");
    }

    private void ready(Context ctx) {
        Map<String, String> stores = readiness.get();
        List<String> down = stores.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + " " + e.getValue())
                .sorted()
                .toList();
        if (!down.isEmpty()) {
            throw Problem.unavailable("not ready: " + String.join("; ", down));
        }
        if (!accepting.getAsBoolean()) {
            throw Problem.unavailable("not ready: the engine is not running");
        }
        Map<String, Boolean> up = new java.util.LinkedHashMap<>();
        stores.keySet().forEach(k -> up.put(k, true));
        ctx.json(Map.of("status", "ready", "stores", up));
    }
}
