package dev.sluice.engine.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.api.IngestMode;
import dev.sluice.engine.intake.IntakeGate;
import dev.sluice.engine.metrics.IngestCounters;
import dev.sluice.engine.sink.LogSink;
import dev.sluice.engine.sink.LogSink.StoredEvent;
import dev.sluice.engine.stream.BackpressureException;
import dev.sluice.engine.stream.IdempotencyKey;
import dev.sluice.engine.stream.StoreUnavailableException;
import dev.sluice.engine.stream.StreamAppender;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest and read routes of the engine: {@code POST /write}, {@code GET /messages},
 * {@code GET /health}, {@code GET /ready}. Every error is {@code application/problem+json}.
 *
 * <p>Concurrency: handlers run on Jetty's request threads. {@code POST /write} reads its body with
 * non-blocking IO ({@link BodyReader}) and, in the stream modes, never blocks a thread on Redis: it
 * answers when the appender's future completes.
 */
public final class HttpApi {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    static final String PROBLEM_JSON = "application/problem+json";
    private static final int DEFAULT_N = 100;
    private static final int MAX_N = 1000;
    private static final String ONE_ACCEPTED = "{\"accepted\":1}";

    private final StreamAppender appender;
    private final LogSink sink;
    private final IngestCounters counters;
    private final BooleanSupplier accepting;
    private final Supplier<IngestMode> mode;
    private final Supplier<Map<String, String>> readiness;
    private final EventBatchParser parser;
    private final int maxBodyBytes;
    private final JsonFactory json = new JsonFactory();
    private final IntakeGate gate;
    private final AccessRules access;
    private final int minBodyBytesPerSec;

    /**
     * @param accepting true while the engine takes new events (false while starting or stopping: 503)
     * @param readiness store name to "" when it answers, or why not ("did not answer for 4.2 s"),
     *                  from the latest health probe: {@code GET /ready} must never wait for a store
     * @param gate        water marks for the stream modes
     * @param readToken   token the read routes need, or null (open)
     * @param ingestToken token {@code POST /write} needs, or null (open)
     * @param minBodyBytesPerSec a body still arriving slower than this gets 408; 0 for no check
     */
    public HttpApi(StreamAppender appender, LogSink sink, IngestCounters counters, BooleanSupplier accepting,
                   Supplier<IngestMode> mode, Supplier<Map<String, String>> readiness, int maxBodyBytes, int maxBatchEvents,
                   IntakeGate gate, String readToken, String ingestToken, int minBodyBytesPerSec) {
        this.gate = gate;
        this.minBodyBytesPerSec = minBodyBytesPerSec;
        this.access = new AccessRules(readToken, ingestToken);
        this.appender = appender;
        this.sink = sink;
        this.counters = counters;
        this.accepting = accepting;
        this.mode = mode;
        this.readiness = readiness;
        this.parser = new EventBatchParser(maxBatchEvents);
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Registers the routes and the one error mapper on {@code app}. */
    public void register(Javalin app) {
        access.register(app);
        app.post("/write", this::write);
        app.get("/messages", this::messages);
        app.get("/health", ctx -> ctx.json(Map.of("status", "up")));
        app.get("/ready", this::ready);
        app.exception(Problem.class, (e, ctx) -> Problems.write(ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) ->
                Problems.write(ctx, new Problem(e.getStatus(), Problems.reason(e.getStatus()), e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("http - unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            counters.requestsFailed.increment();
            Problems.write(ctx, new Problem(500, "Internal Server Error", "unexpected failure; the engine log has the details"));
        });
    }

    private void write(Context ctx) {
        long startNanos = System.nanoTime();
        long receivedAtMicros = nowMicros();
        String idempotencyKey;
        try {
            if (!accepting.getAsBoolean()) {
                throw Problem.unavailable("the engine is not accepting events right now (starting or draining)");
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
                        if (written.earlier().isPresent()) {
                            replayed(ctx, written.key(), written.earlier().get(), startNanos);
                        } else {
                            accepted(ctx, written.events(), startNanos);
                        }
                    } catch (Problem p) {
                        count(p, startNanos);
                        Problems.write(ctx, p);
                    }
                    return null;
                }));
    }

    /**
     * What became of a request: its {@code events} stored now, or, under an {@code Idempotency-Key}
     * already used, the {@code earlier} request's answer (nothing new stored).
     */
    private record Written(int events, IdempotencyKey key, Optional<IdempotencyKey.Stored> earlier) {
    }

    /** Parses, then lands the events. Direct-insert blocks the thread that completed the body read; the stream modes never block. */
    private CompletableFuture<Written> ingest(byte[] body, String idempotencyKey, long receivedAtMicros) {
        List<byte[]> events = parser.parse(body);
        IdempotencyKey key = idempotencyKey == null ? null : IdempotencyHeader.of(idempotencyKey, body);
        int n = events.size();
        if (mode.get() == IngestMode.DIRECT_INSERT) {
            return CompletableFuture.completedFuture(new Written(n, key, insertDirect(events, receivedAtMicros, key)));
        }
        admit(n);
        // keyed: one Redis script lands the events and the key's record together, or neither
        CompletableFuture<Optional<IdempotencyKey.Stored>> appended = key == null
                ? appender.append(events, receivedAtMicros).thenApply(count -> Optional.empty())
                : appender.appendOnce(events, receivedAtMicros, key, answer(n));
        return appended.whenComplete((earlier, error) -> gate.settled(n)).thenApply(earlier -> new Written(n, key, earlier));
    }

    /** Refuses with 429 while the stream is over its high water mark or Redis is nearly full. */
    private void admit(int n) {
        IntakeGate.Refusal refused = gate.tryAdmit(n);
        if (refused != null) {
            throw new Problem(429, "Too Many Requests", refused.detail(), refused.retryAfterSeconds());
        }
    }

    private void accepted(Context ctx, int n, long startNanos) {
        counters.writeRequestsAccepted.increment();
        counters.eventsAccepted.add(n);
        ctx.status(202).contentType("application/json").result(answer(n));
        counters.recordWriteLatency(System.nanoTime() - startNanos);
    }

    private static String answer(int n) {
        return n == 1 ? ONE_ACCEPTED : "{\"accepted\":" + n + "}";
    }

    /** A retry under a used key: the first answer again (nothing new landed), or 422 for another body. */
    private void replayed(Context ctx, IdempotencyKey key, IdempotencyKey.Stored earlier, long startNanos) {
        if (!earlier.sameBody(key)) {
            throw IdempotencyHeader.reusedWithAnotherBody(key);
        }
        counters.writeRequestsAccepted.increment();
        ctx.status(202).header(IdempotencyHeader.REPLAYED, "true").contentType("application/json").result(earlier.answer());
        counters.recordWriteLatency(System.nanoTime() - startNanos);
    }

    /** One transaction per request: every event lands, or none does and the client is told why. */
    private Optional<IdempotencyKey.Stored> insertDirect(List<byte[]> events, long receivedAtMicros, IdempotencyKey key) {
        Optional<IdempotencyKey.Stored> earlier;
        try {
            earlier = sink.insertDirect(events, receivedAtMicros, key, answer(events.size()));
        } catch (SQLException e) {
            if (LogSink.isContentFault(e)) {
                throw new Problem(422, "Unprocessable Content", "PostgreSQL refused the batch, so none of its "
                        + events.size() + " event(s) was stored: " + firstLine(e.getMessage()) + " [" + e.getSQLState() + "]");
            }
            throw Problem.unavailable("PostgreSQL refused the insert, so none of the batch was stored: " + firstLine(e.getMessage()));
        }
        if (earlier.isEmpty()) {
            counters.rowsCommitted.add(events.size());
            counters.flushes.increment();
            long latency = nowMicros() - receivedAtMicros;
            for (int i = 0; i < events.size(); i++) {
                counters.recordCommitLatency(latency); // one sample per event, as the stream workers record it
            }
            counters.recordFlushLatency(latency);
        }
        return earlier;
    }

    private void count(Problem p, long startNanos) {
        switch (p.status()) {
            case 429 -> counters.requestsThrottled.increment();
            case 503 -> counters.requestsUnavailable.increment();
            default -> {
                if (p.status() >= 500) {
                    counters.requestsFailed.increment();
                } else {
                    counters.requestsRejected.increment();
                }
            }
        }
        counters.recordWriteLatency(System.nanoTime() - startNanos);
    }

    private static Problem toProblem(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof Problem p) {
            return p;
        }
        if (cause instanceof BackpressureException b) {
            return Problem.busy(b.getMessage());
        }
        if (cause instanceof StoreUnavailableException s) {
            return s.mayBeStored() ? Problem.outcomeUnknown(s.getMessage()) : Problem.unavailable(s.getMessage());
        }
        return Problem.unavailable("the event could not be queued: " + cause);
    }

    private static void requireJson(Context ctx) {
        String type = ctx.contentType();
        String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase();
        if (!base.equals("application/json") && !(base.startsWith("application/") && base.endsWith("+json"))) {
            throw new Problem(415, "Unsupported Media Type", "Content-Type must be application/json, was "
                    + (type == null ? "missing" : "'" + type + "'"));
        }
    }

    private void messages(Context ctx) {
        int n = parseN(ctx.queryParam("n"));
        List<StoredEvent> rows;
        try {
            rows = sink.latest(n);
        } catch (SQLException e) {
            throw Problem.unavailable("PostgreSQL did not answer: " + firstLine(e.getMessage()));
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
        throw Problem.badRequest("n must be a whole number from 1 to " + MAX_N + ", was '" + raw + "'");
    }

    private void ready(Context ctx) {
        Map<String, String> stores = readiness.get();
        List<String> down = stores.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + " " + e.getValue()).sorted().toList();
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

    static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static String firstLine(String message) {
        return String.valueOf(message).lines().findFirst().orElse("");
    }
}
