package dev.sluice.engine;

import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.control.ControlApi;
import dev.sluice.engine.http.HttpApi;
import dev.sluice.engine.http.JettyLimits;
import dev.sluice.engine.http.ProblemMappers;
import dev.sluice.engine.metrics.IngestCounters;
import dev.sluice.engine.metrics.PrometheusMetrics;
import io.javalin.Javalin;
import java.net.URI;

/**
 * The engine's one HTTP port: the ingest routes, the control routes, {@code GET /metrics}, and
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
            ControlApi control,
            PrometheusMetrics prometheus,
            IngestCounters counters) {
        Javalin http = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.jetty.defaultHost = config.host();
            cfg.jetty.defaultPort = config.port();
            JettyLimits.apply(cfg, config.host(), config.port(), config.limits(), counters::slowHeadersCut);
        });
        ProblemMappers.install(http, counters::writeFailed);
        ingest.register(http);
        control.register(http);
        http.get("/metrics", ctx -> ctx.contentType(prometheus.contentType()).result(prometheus.scrape()));
        try {
            http.start();
        } catch (RuntimeException e) {
            throw new EngineStartException(
                    "cannot listen on " + config.host() + ":" + config.port() + " (" + DefaultEngine.rootMessage(e)
                            + "); choose another with --port",
                    e);
        }
        return new ApiServer(http, config.host());
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
