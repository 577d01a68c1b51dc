package dev.sluice.loadgen;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Writes log events that look like a real service's: timestamp, level, service, host, message,
 * trace and span ids, user id, latency, sometimes an HTTP block, a cart or a stack trace, so sizes
 * vary from ~250 bytes to ~2 KB. Everything but the timestamp comes from the seed.
 *
 * <p>Concurrency: an instance is confined to one thread (one per user or I/O thread), like its random
 * generator; the shared timestamp cache is a volatile immutable pair.
 */
final class LogEvents {
    private static final String[] SERVICES = {
        "checkout",
        "payments",
        "auth",
        "search",
        "catalog",
        "inventory",
        "shipping",
        "notifications",
        "gateway",
        "recommendations"
    };
    private static final String[] PATHS = {
        "/api/orders",
        "/api/cart",
        "/api/login",
        "/api/search",
        "/api/items",
        "/api/stock",
        "/api/shipments",
        "/api/users"
    };
    private static final String[] INFO = {
        "request completed",
        "order placed",
        "cache hit for product page",
        "user signed in",
        "payment authorized",
        "search returned results",
        "shipment label created",
        "inventory reserved for cart"
    };
    private static final String[] WARN = {
        "slow query on orders table",
        "retrying call to payments after timeout",
        "cache miss storm on catalog",
        "rate limit close for client",
        "deprecated API version used"
    };
    private static final String[] ERROR = {
        "payment declined: card expired",
        "upstream returned 502 Bad Gateway",
        "could not reserve stock: version conflict",
        "token signature invalid",
        "database connection reset"
    };
    private static final String[] DEBUG = {
        "cache key computed", "feature flag evaluated", "span exported", "connection returned to pool"
    };
    private static final String[] EXCEPTIONS = {
        "java.net.SocketTimeoutException: Read timed out",
        "java.lang.IllegalStateException: order already settled",
        "org.postgresql.util.PSQLException: deadlock detected"
    };
    private static final String[] FRAMES = {
        "com.shop.payments.GatewayClient.charge(GatewayClient.java:118)",
        "com.shop.orders.OrderService.place(OrderService.java:77)",
        "com.shop.web.OrderController.post(OrderController.java:41)",
        "io.netty.channel.AbstractChannelHandlerContext.invokeChannelRead(AbstractChannelHandlerContext.java:444)",
        "java.base/java.lang.Thread.run(Thread.java:840)"
    };
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** One cache for all sources: formatting is costly and 1000 users would each redo it every millisecond. */
    private static volatile Stamp stamp = new Stamp(Long.MIN_VALUE, "");

    private final SplittableRandom rng;

    LogEvents(SplittableRandom rng) {
        this.rng = rng;
    }

    /** Appends one event as a JSON object. */
    void append(StringBuilder sb) {
        int roll = rng.nextInt(100);
        String level = roll < 8 ? "DEBUG" : roll < 80 ? "INFO" : roll < 93 ? "WARN" : "ERROR";
        String service = SERVICES[rng.nextInt(SERVICES.length)];
        sb.append("{\"ts\":\"")
                .append(timestamp())
                .append("\",\"level\":\"")
                .append(level)
                .append("\",\"service\":\"")
                .append(service)
                .append("\",\"host\":\"")
                .append(service)
                .append('-')
                .append(rng.nextInt(1, 9))
                .append("\",\"message\":\"")
                .append(message(level))
                .append('"');
        sb.append(",\"trace_id\":\"");
        hex(sb, 32);
        sb.append("\",\"span_id\":\"");
        hex(sb, 16);
        sb.append("\",\"user_id\":").append(rng.nextInt(1, 250_000));
        // log-normal-ish latency: mostly small, a long tail
        long tenths = Math.round(Math.exp(rng.nextDouble(0.5, 6.5)) * 10);
        sb.append(",\"latency_ms\":");
        decimal(sb, tenths, 10);
        if (rng.nextInt(3) == 0) {
            appendHttp(sb);
        }
        if ("checkout".equals(service) && rng.nextBoolean()) {
            appendCart(sb);
        }
        if ("ERROR".equals(level)) {
            appendError(sb);
        }
        sb.append('}');
    }

    private String message(String level) {
        String[] pool = switch (level) {
            case "DEBUG" -> DEBUG;
            case "WARN" -> WARN;
            case "ERROR" -> ERROR;
            default -> INFO;
        };
        return pool[rng.nextInt(pool.length)];
    }

    private void appendHttp(StringBuilder sb) {
        int status = rng.nextInt(100) < 92 ? 200 : rng.nextBoolean() ? 404 : 500;
        sb.append(",\"http\":{\"method\":\"")
                .append(rng.nextInt(4) == 0 ? "POST" : "GET")
                .append("\",\"path\":\"")
                .append(PATHS[rng.nextInt(PATHS.length)])
                .append('/')
                .append(rng.nextInt(1, 100_000))
                .append("\",\"status\":")
                .append(status)
                .append(",\"bytes\":")
                .append(rng.nextInt(120, 40_000))
                .append('}');
    }

    private void appendCart(StringBuilder sb) {
        int items = rng.nextInt(1, 12);
        sb.append(",\"cart\":[");
        for (int i = 0; i < items; i++) {
            sb.append(i == 0 ? "" : ",")
                    .append("{\"sku\":\"SKU-")
                    .append(rng.nextInt(10_000, 99_999))
                    .append("\",\"qty\":")
                    .append(rng.nextInt(1, 5))
                    .append(",\"price\":");
            decimal(sb, rng.nextInt(100, 50_000), 100);
            sb.append('}');
        }
        sb.append(']');
    }

    private void appendError(StringBuilder sb) {
        sb.append(",\"error\":{\"type\":\"")
                .append(EXCEPTIONS[rng.nextInt(EXCEPTIONS.length)])
                .append("\",\"stack\":\"");
        int frames = rng.nextInt(3, 12);
        for (int i = 0; i < frames; i++) {
            sb.append(i == 0 ? "" : "\\n").append("\\tat ").append(FRAMES[rng.nextInt(FRAMES.length)]);
        }
        sb.append("\"}");
    }

    // StringBuilder.append(double) is the slowest step of an event; fixed-point is exact and cheap
    private static void decimal(StringBuilder sb, long scaled, int scale) {
        sb.append(scaled / scale).append('.');
        long frac = scaled % scale;
        if (scale == 100 && frac < 10) {
            sb.append('0');
        }
        sb.append(frac);
    }

    private void hex(StringBuilder sb, int digits) {
        long bits = 0;
        for (int i = 0; i < digits; i++) {
            if ((i & 15) == 0) {
                bits = rng.nextLong();
            }
            sb.append(HEX[(int) (bits & 15)]);
            bits >>>= 4;
        }
    }

    // formatting an Instant per event is measurable at 50k events/s; once per millisecond is not.
    // Two threads may format the same millisecond at once; both results are equal, either wins.
    private static String timestamp() {
        long now = System.currentTimeMillis();
        Stamp s = stamp;
        if (s.millis != now) {
            s = new Stamp(now, Instant.ofEpochMilli(now).toString());
            stamp = s;
        }
        return s.text;
    }

    private record Stamp(long millis, String text) {}
}
