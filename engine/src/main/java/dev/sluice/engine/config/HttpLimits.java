package dev.sluice.engine.config;

import static dev.sluice.api.Checks.check;

import java.time.Duration;

/**
 * How long and how slowly a client may take over one connection before the HTTP listener cuts it
 * off. Slow clients hold a socket and a little memory each, never a request thread.
 *
 * @param headerTimeout     a request whose line and headers are not complete this long after their
 *                          first byte is answered 408 and closed (checked once a second)
 * @param idleTimeout       a connection on which no byte moves this long is closed; a request body
 *                          that stalls this long is answered 408
 * @param minBodyBytesPerSec a request body that arrives slower than this on average since its first
 *                          byte is answered 408 when its next bytes arrive; 0 turns the check off
 * @param maxHeaderBytes    largest request line plus headers (431 above)
 * @param maxConnections    most open connections; past it the listener stops accepting until one closes
 */
public record HttpLimits(
        Duration headerTimeout, Duration idleTimeout, int minBodyBytesPerSec, int maxHeaderBytes, int maxConnections) {

    public HttpLimits {
        check(
                headerTimeout != null && headerTimeout.toMillis() >= 1000 && headerTimeout.toMinutes() <= 10,
                "header timeout must be 1 s..10 min, was %s",
                millis(headerTimeout));
        check(
                idleTimeout != null && idleTimeout.toMillis() >= 1000 && idleTimeout.toMinutes() <= 60,
                "idle timeout must be 1 s..60 min, was %s",
                millis(idleTimeout));
        check(
                minBodyBytesPerSec >= 0 && minBodyBytesPerSec <= 1 << 30,
                "min body rate must be 0..1073741824 bytes/s, was %d",
                minBodyBytesPerSec);
        check(
                maxHeaderBytes >= 1024 && maxHeaderBytes <= 1 << 20,
                "max header must be 1024..1048576 bytes, was %d",
                maxHeaderBytes);
        check(
                maxConnections >= 16 && maxConnections <= 1_000_000,
                "max connections must be 16..1000000, was %d",
                maxConnections);
    }

    /** 10 s for headers, 30 s idle, 500 B/s bodies, 8 KiB of headers, 10,000 connections. */
    public static HttpLimits defaults() {
        return new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), 500, 8192, 10_000);
    }

    public HttpLimits withHeaderTimeout(Duration d) {
        return new HttpLimits(d, idleTimeout, minBodyBytesPerSec, maxHeaderBytes, maxConnections);
    }

    public HttpLimits withIdleTimeout(Duration d) {
        return new HttpLimits(headerTimeout, d, minBodyBytesPerSec, maxHeaderBytes, maxConnections);
    }

    private static String millis(Duration d) {
        return d == null ? "none" : d.toMillis() + " ms";
    }
}
