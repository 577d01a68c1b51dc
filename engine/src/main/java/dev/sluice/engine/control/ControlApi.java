package dev.sluice.engine.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.EngineControl;
import dev.sluice.api.EngineException;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.Knobs;
import dev.sluice.api.LoadReportFiles;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.LoadStatus;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.control.ControlJson;
import dev.sluice.api.control.LoadReportZip;
import dev.sluice.engine.concurrent.DaemonThreads;
import dev.sluice.engine.http.BearerToken;
import dev.sluice.engine.http.Problem;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API every remote console attaches to: snapshot, history, a live Server-Sent
 * Events stream of snapshots, knobs, load profiles and the load. When a token is configured, every {@code /control}
 * route needs {@code Authorization: Bearer <token>}; a missing or wrong one gets 401 and
 * changes nothing.
 *
 * <p>Concurrency: routes run on request threads. Each SSE client gets its own sender thread
 * fed by a small queue, so a slow or dead client can never hold up the metrics thread or the
 * other clients; when a client's queue is full its oldest frame is dropped (order is kept).
 */
public final class ControlApi {
    private static final Logger log = LoggerFactory.getLogger(ControlApi.class);
    private static final int CLIENT_QUEUE = 32;

    private final EngineControl engine;
    private final BearerToken token;
    private final AtomicInteger clientSeq = new AtomicInteger();

    /** @param token bearer token to require, or null for an open control API (loopback) */
    public ControlApi(EngineControl engine, String token) {
        this.engine = engine;
        this.token = BearerToken.orNull(token, "sluice-control");
    }

    public void register(Javalin app) {
        app.before("/control/*", this::authorize);
        app.get("/control/snapshot", ctx -> {
            MetricsSnapshot s = engine.snapshot();
            if (s == null) {
                throw Problem.unavailable("no snapshot yet: the first tick has not happened");
            }
            json(ctx, s);
        });
        app.get("/control/history", ctx -> json(ctx, engine.history()));
        app.get("/control/knobs", ctx -> json(ctx, engine.knobs()));
        app.put("/control/knobs", this::putKnobs);
        app.get("/control/profiles", ctx -> json(ctx, engine.profiles()));
        app.post("/control/load", this::startLoad);
        app.delete("/control/load", ctx -> {
            engine.stopLoad();
            json(
                    ctx,
                    engine.snapshot() == null
                            ? LoadStatus.IDLE
                            : engine.snapshot().load());
        });
        app.get("/control/load/report", this::loadReport);
        app.get("/control/experiments", ctx -> json(ctx, engine.experiments()));
        app.get("/control/experiment", ctx -> json(ctx, experimentStatus()));
        app.post("/control/experiment", this::startExperiment);
        app.delete("/control/experiment", ctx -> {
            engine.stopExperiment();
            json(ctx, experimentStatus());
        });
        SseHandler sse = new SseHandler(this::stream);
        app.get("/control/stream", ctx -> {
            String accept = ctx.header("Accept");
            if (accept == null || !accept.contains("text/event-stream")) {
                throw new Problem(
                        406,
                        "Not Acceptable",
                        "this is a Server-Sent Events stream: send 'Accept: text/event-stream' (curl -N -H 'Accept: text/event-stream' ...)");
            }
            sse.handle(ctx);
        });
    }

    private void authorize(Context ctx) {
        if (token == null) {
            return;
        }
        token.require(
                ctx,
                "the control API needs 'Authorization: Bearer <token>' (the token the engine printed at start)",
                "the control token is wrong");
    }

    /** A partial change, merged in the engine; the answer is the knobs now in force. */
    private void putKnobs(Context ctx) {
        JsonNode changes;
        try {
            changes = ControlJson.mapper().readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw Problem.badRequest("knobs must be JSON: " + e.getOriginalMessage());
        }
        Knobs now;
        try {
            now = engine.update(ControlJson.readKnobsChange(changes));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        } catch (EngineException e) {
            throw Problem.unavailable(e.getMessage());
        }
        json(ctx, now);
    }

    private void startLoad(Context ctx) {
        LoadSpec spec;
        try {
            spec = ControlJson.mapper().readValue(ctx.body(), LoadSpec.class);
        } catch (JsonProcessingException e) {
            throw Problem.badRequest(
                    "a load needs JSON such as {\"profile\":\"firehose\",\"model\":\"open\",\"rate\":2000}: "
                            + e.getOriginalMessage());
        }
        try {
            engine.startLoad(spec);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        } catch (EngineException e) {
            throw Problem.unavailable(e.getMessage());
        }
        json(ctx, spec);
    }

    /** Starts a built-in experiment by name or a definition the client brings; 409 while one runs. */
    private void startExperiment(Context ctx) {
        try {
            engine.startExperiment(ControlJson.readExperimentRequest(ctx.body()));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        } catch (IllegalStateException e) {
            throw new Problem(409, "Conflict", e.getMessage());
        } catch (EngineException e) {
            throw Problem.unavailable(e.getMessage());
        }
        json(ctx, experimentStatus());
    }

    private ExperimentStatus experimentStatus() {
        MetricsSnapshot s = engine.snapshot();
        return s == null ? ExperimentStatus.NONE : s.experiment();
    }

    /** The last finished load's report files as one zip, the same files {@code ./sluice loadgen --report} writes. */
    private void loadReport(Context ctx) throws IOException {
        LoadReportFiles report = engine.lastLoadReport()
                .orElseThrow(
                        () -> new Problem(
                                404,
                                "Not Found",
                                "no load has finished since the engine started: start one (POST /control/load), stop it, then ask again"));
        ctx.contentType("application/zip");
        ctx.header("Content-Disposition", "attachment; filename=\"" + LoadReportZip.fileName(report) + "\"");
        ctx.header(LoadReportZip.DESCRIPTION_HEADER, report.description());
        ctx.header(LoadReportZip.FINISHED_HEADER, report.finishedAt().toString());
        ctx.result(LoadReportZip.zip(report));
    }

    private void stream(SseClient client) {
        client.keepAlive();
        BlockingQueue<MetricsSnapshot> queue = new ArrayBlockingQueue<>(CLIENT_QUEUE);
        MetricsSnapshot first = engine.snapshot();
        if (first != null) {
            queue.offer(first);
        }
        AutoCloseable subscription = engine.subscribe(s -> {
            while (!queue.offer(s)) {
                queue.poll(); // a client that cannot keep up loses its oldest frame, never blocks the publisher
            }
        });
        Thread sender = DaemonThreads.start(
                "sse-client-" + clientSeq.incrementAndGet(), () -> send(client, queue, subscription));
        client.onClose(sender::interrupt);
    }

    private static void send(SseClient client, BlockingQueue<MetricsSnapshot> queue, AutoCloseable subscription) {
        try {
            while (!client.terminated()) {
                MetricsSnapshot s = queue.poll(1, TimeUnit.SECONDS);
                if (s != null) {
                    client.sendEvent("snapshot", ControlJson.write(s), String.valueOf(s.seq()));
                } else {
                    client.sendComment("keep-alive");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("control - SSE client went away: {}", e.toString());
        } finally {
            try {
                subscription.close();
            } catch (Exception ignored) {
                // closing a subscription cannot fail in a way that matters here
            }
            client.close();
        }
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(ControlJson.write(value));
    }
}
