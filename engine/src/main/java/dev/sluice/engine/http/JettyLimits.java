package dev.sluice.engine.http;

import dev.sluice.engine.config.HttpLimits;
import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Puts {@link HttpLimits} on Javalin's Jetty server, all in one place: the listener (host, port,
 * idle timeout, accept backlog), the request header size and minimum body data rate, the
 * connection limit, and the header timeout that Jetty 11 lacks ({@link HeaderTimeoutSweeper}).
 *
 * <p>What a client sees: headers over the size limit get 431 from Jetty, as problem+json
 * ({@link BadMessageProblems}); a body slower than the
 * rate gets 408 from the body reader ({@link BodyReader}); a request still in its headers after the
 * header timeout gets 408 and a close; a silent connection is closed after the idle timeout.
 */
public final class JettyLimits {
    /** Room in the kernel's accept queue for a burst of connects (Java's default is 50). */
    private static final int ACCEPT_QUEUE = 1024;

    private JettyLimits() {}

    /** Call inside {@code Javalin.create}: replaces Javalin's default connector with one that has the limits. */
    public static void apply(JavalinConfig cfg, String host, int port, HttpLimits limits, Runnable slowHeadersCut) {
        // no servlet async timeout (Javalin 6's default, made explicit): the bounds below end a slow
        // body with 408, and the stream append has its own store timeout (503)
        cfg.http.asyncTimeout = 0L;
        cfg.jetty.modifyHttpConfiguration(http -> {
            http.setRequestHeaderSize(limits.maxHeaderBytes());
            // no Jetty data rate: it also counts time a complete body waited for a busy server to
            // read it, so queued requests got 408 under load; BodyReader checks only bodies still arriving
            http.setMinRequestDataRate(0);
        });
        cfg.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(host);
            connector.setPort(port);
            connector.setIdleTimeout(limits.idleTimeout().toMillis());
            connector.setAcceptQueueSize(ACCEPT_QUEUE);
            return connector;
        });
        cfg.jetty.modifyServer(server -> {
            server.addBean(new ConnectionLimit(limits.maxConnections(), server));
            server.addBean(new HeaderTimeoutSweeper(server, limits.headerTimeout(), slowHeadersCut));
            server.setErrorHandler(new BadMessageProblems(limits.maxHeaderBytes()));
        });
    }
}
