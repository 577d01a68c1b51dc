package dev.sluice.engine;

import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.control.ControlApi;
import dev.sluice.engine.http.HttpApi;
import dev.sluice.engine.http.ItemsApi;
import dev.sluice.engine.http.JettyLimits;
import dev.sluice.engine.http.ProblemMappers;
import dev.sluice.engine.http.QueueApi;
import dev.sluice.engine.metrics.IngestCounters;
import dev.sluice.engine.metrics.PrometheusMetrics;
import io.javalin.Javalin;
import java.net.URI;
import java.util.function.Consumer;

/**
 * The engine's one HTTP port: the ingest, queue and items routes, the control routes, {@code GET /metrics}, and
 * the problem+json error mapping installed once for all of them.
 *
 * <p>Concurrency: routes run on Jetty's threads; {@link #close} stops the server (once).
 */
final class ApiServer implements AutoCloseable {
    private final Javalin http;
    private final String host;

    private ApiServer(Javalin http, String host) {
        this.http = http;
        this.host = host;
    }

    /**
     * Builds the server and starts listening. Requests that come before the engine runs get 503.
     *
     * @throws EngineStartException the port cannot be bound
     */
    static ApiServer start(
            EngineConfig.ApiConfig config,
            HttpApi ingest,
            QueueApi queue,
            ItemsApi items,
            ControlApi control,
            PrometheusMetrics prometheus,
            IngestCounters counters) {
        return start(config.host(), config.port(), config, counters, http -> {
            ingest.register(http, queue);
            queue.register(http);
            items.register(http);
            control.register(http);
            http.get(
                    "/metrics", ctx -> ctx.contentType(prometheus.contentType()).result(prometheus.scrape()));
        });
    }

    /**
     * A throwaway server for the JIT warm-up: the ingest routes only, on a free loopback port, with
     * the same Jetty settings as the engine's port (so the warm-up compiles the code that serves).
     */
    static ApiServer startForWarmUp(EngineConfig.ApiConfig config, HttpApi ingest, IngestCounters counters) {
        return start("127.0.0.1", 0, config, counters, ingest::register);
    }

    private static ApiServer start(
            String host, int port, EngineConfig.ApiConfig config, IngestCounters counters, Consumer<Javalin> routes) {
        Javalin http = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.jetty.defaultHost = host;
            cfg.jetty.defaultPort = port;
            JettyLimits.apply(cfg, host, port, config.limits(), counters::slowHeadersCut);
        });
        ProblemMappers.install(http, counters::writeFailed);
        routes.accept(http);
        try {
            http.start();
        } catch (RuntimeException e) {
            throw new EngineStartException(
                    "cannot listen on " + host + ":" + port + " (" + DefaultEngine.rootMessage(e)
                            + "); choose another with --port",
                    e);
        }
        return new ApiServer(http, host);
    }

    /** Where clients reach the API. */
    URI uri() {
        return URI.create("http://" + hostForUri(host) + ":" + http.port());
    }

    /** Where the in-engine load generator reaches our own port: loopback when we listen on all addresses. */
    URI selfUri() {
        String self = host.equals("0.0.0.0")
                ? "127.0.0.1"
                : host.equals("::") || host.equals("[::]") ? "[::1]" : hostForUri(host);
        return URI.create("http://" + self + ":" + http.port());
    }

    private static String hostForUri(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public void close() {
        http.stop();
    }
}
