package dev.sluice.engine.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Threads that keep posting single numbered events ({@code {"seq":N}}) and remember which seqs
 * were answered 202 and how every other answer went, so a test can hold the rows in {@code logs}
 * against exactly what the clients were promised.
 */
final class Writers implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI write;
    private final AtomicInteger nextSeq = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Set<Integer> accepted = ConcurrentHashMap.newKeySet();
    private final Map<Integer, String> refused = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Thread[] threads;

    Writers(URI api, int count) {
        this.write = api.resolve("/write");
        this.threads = new Thread[count];
        for (int i = 0; i < count; i++) {
            threads[i] = new Thread(this::run, "test-writer-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    private void run() {
        while (!stop.get()) {
            int seq = nextSeq.getAndIncrement();
            HttpRequest r = HttpRequest.newBuilder(write)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"seq\":" + seq + ",\"msg\":\"store fault\"}"))
                    .build();
            String outcome;
            try {
                HttpResponse<String> res = client.send(r, HttpResponse.BodyHandlers.ofString());
                // a refusal says whether the events may be stored anyway ("stored":"unknown"), as a client would read
                // it
                outcome = res.statusCode() == 202
                        ? "202"
                        : res.statusCode() + " stored="
                                + JSON.readTree(res.body()).path("stored").asText("(missing)");
                if (res.statusCode() == 202) {
                    accepted.add(seq);
                } else {
                    refused.put(seq, outcome);
                    pause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                outcome = e.getClass().getSimpleName();
                refused.put(seq, outcome);
                pause();
            }
            outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        }
    }

    /** Like a polite client after a 503: a short pause before the next event. */
    private void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int acceptedCount() {
        return accepted.size();
    }

    Set<Integer> accepted() {
        return accepted;
    }

    /**
     * Seqs answered anything but 202, with that answer: a status with the problem's
     * {@code stored} member ({@code "503 stored=unknown"}), or the client's exception name.
     */
    Map<Integer, String> refused() {
        return refused;
    }

    /** Answer (as in {@link #refused}, or "202") to count, sorted: for assertion messages. */
    Map<String, Long> outcomes() {
        Map<String, Long> out = new TreeMap<>();
        outcomes.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Stops and waits for every request in flight to be answered. */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(60_000);
        }
    }
}
