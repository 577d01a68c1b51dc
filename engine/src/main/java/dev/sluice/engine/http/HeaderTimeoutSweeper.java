package dev.sluice.engine.http;

import dev.sluice.api.control.ControlJson;
import dev.sluice.engine.concurrent.DaemonThreads;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts off requests whose line and headers dribble in. Jetty 11 has no header-read timeout, and a
 * client that sends one header byte every few seconds keeps resetting the idle timeout. Once a
 * second this looks at every open HTTP/1 connection: one whose parser has been inside a request's
 * line or headers for longer than the bound since that request's first byte gets a 408 and is
 * closed. Such a client holds no thread meanwhile (Jetty parses headers only when bytes arrive).
 *
 * <p>Concurrency: started and stopped with the Jetty server (it is a server bean); the sweep runs
 * on its own {@code http-header-sweeper} thread (which alone touches the log bookkeeping) and only
 * reads the parser's volatile state. The
 * 408 is written straight to the endpoint: nothing else writes to a connection still in its
 * headers; if something does (the headers completed at that instant), the write is refused and the
 * connection is closed instead.
 */
final class HeaderTimeoutSweeper extends AbstractLifeCycle {
    private static final Logger log = LoggerFactory.getLogger(HeaderTimeoutSweeper.class);
    private static final byte[] TIMEOUT_RESPONSE = timeoutResponse();

    private final Server server;
    private final long boundNanos;
    private final Runnable onCut;
    /** Connections this sweeper cut; written and read on the sweep thread only. */
    private long cut;

    private ScheduledExecutorService timer;
    private long loggedCut;
    private long loggedAtNanos = System.nanoTime();

    /** @param onCut called once per connection cut (on the sweep thread), for the snapshot and /metrics */
    HeaderTimeoutSweeper(Server server, Duration bound, Runnable onCut) {
        this.server = server;
        this.onCut = onCut;
        this.boundNanos = bound.toNanos();
    }

    @Override
    protected void doStart() {
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("http-header-sweeper"));
        timer.scheduleWithFixedDelay(this::sweepSafely, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    protected void doStop() throws InterruptedException {
        timer.shutdownNow();
        if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
            log.warn("http - header sweeper did not stop within 5 s");
        }
    }

    private void sweepSafely() {
        try {
            for (Connector connector : server.getConnectors()) {
                for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                    sweep(endPoint);
                }
            }
        } catch (RuntimeException e) {
            log.warn("http - header sweep failed; trying again in a second", e);
        }
        logAtMostOncePerMinute();
    }

    private void logAtMostOncePerMinute() {
        long total = cut;
        if (total > loggedCut && NanoTime.since(loggedAtNanos) >= TimeUnit.MINUTES.toNanos(1)) {
            log.warn(
                    "http - cut {} connections whose headers were not complete within {} s (last minute or so)",
                    total - loggedCut,
                    TimeUnit.NANOSECONDS.toSeconds(boundNanos));
            loggedCut = total;
            loggedAtNanos = System.nanoTime();
        }
    }

    private void sweep(EndPoint endPoint) {
        Connection c = endPoint.getConnection();
        if (!(c instanceof HttpConnection http) || !endPoint.isOpen()) {
            return;
        }
        // START is the idle gap between requests (the idle timeout covers it); the request's first
        // byte moves the parser on and stamps its begin time
        var parser = http.getParser();
        if (parser.isStart() || !parser.inHeaderState()) {
            return;
        }
        long begin = http.getBeginNanoTime();
        if (begin == Long.MIN_VALUE || NanoTime.since(begin) < boundNanos) {
            return;
        }
        cut++;
        onCut.run();
        try {
            endPoint.write(
                    Callback.from(endPoint::close, failure -> endPoint.close()), ByteBuffer.wrap(TIMEOUT_RESPONSE));
        } catch (RuntimeException e) {
            endPoint.close();
        }
    }

    private static byte[] timeoutResponse() {
        String body = ControlJson.problem(408, "Request Timeout", "the request headers did not arrive in time");
        return ("HTTP/1.1 408 Request Timeout\r\nContent-Type: " + HttpApi.PROBLEM_JSON + "\r\nContent-Length: "
                        + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
    }
}
