package dev.sluice.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small real HTTP server for the tests (JDK {@code com.sun.net.httpserver}): {@code POST /write}
 * parses the JSON body, counts requests and events and answers 202 {@code {"accepted":k}};
 * {@code GET /messages} answers 200 {@code []}. It can be made slow ({@link #delay}) and serves
 * on a fixed number of threads, so a slow server is also a saturated one.
 *
 * <p>Concurrency: handlers run on the server's pool; counters are atomic, settings volatile.
 */
final class TestServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final AtomicLong writes = new AtomicLong();
    final AtomicLong events = new AtomicLong();
    final AtomicLong reads = new AtomicLong();
    final AtomicLong badBodies = new AtomicLong();
    private final HttpServer server;
    private final ExecutorService pool;
    private volatile Duration delay = Duration.ZERO;

    TestServer(int threads) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "test-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/write", this::write);
        server.createContext("/messages", this::read);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request waits this long before it is answered. */
    void delay(Duration d) {
        delay = d;
    }

    private void write(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        pause();
        int accepted;
        try {
            JsonNode node = JSON.readTree(body);
            accepted = node.isArray() ? node.size() : 1;
        } catch (IOException e) {
            badBodies.incrementAndGet();
            respond(ex, 400, "{\"detail\":\"bad json\"}");
            return;
        }
        writes.incrementAndGet();
        events.addAndGet(accepted);
        respond(ex, 202, "{\"accepted\":" + accepted + "}");
    }

    private void read(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        pause();
        reads.incrementAndGet();
        respond(ex, 200, "[]");
    }

    private void pause() {
        Duration d = delay;
        if (!d.isZero()) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
