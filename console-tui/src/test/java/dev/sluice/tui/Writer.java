package dev.sluice.tui;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts events to an engine's real HTTP API from a background thread, a batch every few
 * milliseconds, for a bounded time: enough traffic for every chart to move.
 */
final class Writer implements AutoCloseable {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI write;
    private final Thread thread;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong posts = new AtomicLong();
    private volatile String last = "no response yet";
    private volatile boolean stop;

    private Writer(URI api, Duration atMost) {
        this.write = api.resolve("/write");
        long until = System.nanoTime() + atMost.toNanos();
        this.thread = new Thread(
                () -> {
                    while (!stop && System.nanoTime() < until) {
                        post("[{\"n\":1},{\"n\":2},{\"n\":3},{\"n\":4},{\"n\":5}]", 5);
                        sleep(10);
                    }
                },
                "test-writer");
        thread.setDaemon(true);
    }

    static Writer start(URI api, Duration atMost) {
        Writer w = new Writer(api, atMost);
        w.thread.start();
        return w;
    }

    long accepted() {
        return accepted.get();
    }

    /** What the writer saw, for a failure message. */
    String describe() {
        return "writer: " + posts.get() + " posts, " + accepted.get() + " events accepted, last: " + last;
    }

    private void post(String body, int events) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(write)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            posts.incrementAndGet();
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 202) {
                accepted.addAndGet(events);
            }
        } catch (java.io.IOException e) {
            last = e.toString();
            sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop = true;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(10_000);
    }
}
