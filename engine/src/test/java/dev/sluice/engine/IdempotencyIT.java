package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.IngestMode;
import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestStores;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on POST /write, over real HTTP, counting rows in PostgreSQL. */
class IdempotencyIT {
    private static final String BATCH = "[{\"seq\":1},{\"seq\":2},{\"seq\":3}]";

    @Test
    void stream_mode_a_retry_with_the_same_key_is_replayed_and_lands_nothing_new() {
        Stores stores = TestStores.freshDatabase("idem_stream");
        String key = "idem_stream";
        try (Engine engine = TestEngines.started(TestEngines.config(key), stores);
                StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            HttpResponse<String> first = post(engine.apiUri(), "order-42", BATCH);
            HttpResponse<String> retry = post(engine.apiUri(), "order-42", BATCH);

            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(retry.body()).isEqualTo(first.body()).isEqualTo("{\"accepted\":3}");
            drained(stores, redis, key);
            assertThat(rows(stores)).isEqualTo(3);
            long ttl = redis.sync().pttl("{" + key + "}:idempotency:order-42");
            assertThat(ttl)
                    .as("the record lives for the window (1 h by default)")
                    .isBetween(1L, 3_600_000L);

            HttpResponse<String> otherBody = post(engine.apiUri(), "order-42", "{\"seq\":4}");
            assertThat(otherBody.statusCode()).as(otherBody.body()).isEqualTo(422);
            assertThat(otherBody.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(otherBody.body()).contains("order-42").contains("different request body");

            HttpResponse<String> plain = Http.post(engine.apiUri(), "/write", BATCH);
            assertThat(plain.statusCode()).isEqualTo(202);
            drained(stores, redis, key);
            assertThat(rows(stores))
                    .as("a request without a key is a new request")
                    .isEqualTo(6);
        }
    }

    @Test
    void a_request_answered_503_by_timeout_whose_write_ran_later_is_answered_202_on_retry() {
        Stores stores = TestStores.freshDatabase("idem_timeout");
        String key = "idem_timeout";
        EngineConfig c = TestEngines.config(key);
        EngineConfig.ApiConfig a = c.api();
        EngineConfig quick = c.withApi(new EngineConfig.ApiConfig(
                        a.host(),
                        0,
                        a.maxBodyBytes(),
                        a.maxBatchEvents(),
                        Duration.ofMillis(500),
                        a.maxInFlightEvents())
                .withWarmUp(Duration.ZERO));
        try (Engine engine = TestEngines.started(quick, stores);
                StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            // Redis holds every write for 3 s: the script is on the wire but runs only after the 503
            redis.sync().clientPause(3000);
            HttpResponse<String> first = post(engine.apiUri(), "slow-1", BATCH);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(503);
            assertThat(first.body())
                    .as("the client is told its events may be stored")
                    .contains("\"stored\":\"unknown\"");
            Await.until("the paused write ran after all", Duration.ofSeconds(30), () -> rows(stores) == 3);

            HttpResponse<String> retry = post(engine.apiUri(), "slow-1", BATCH);
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(retry.body()).isEqualTo("{\"accepted\":3}");
            drained(stores, redis, key);
            assertThat(rows(stores)).isEqualTo(3);
        }
    }

    @Test
    void stream_mode_concurrent_requests_with_one_key_land_once() throws Exception {
        Stores stores = TestStores.freshDatabase("idem_race");
        String key = "idem_race";
        try (Engine engine = TestEngines.started(TestEngines.config(key), stores);
                StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            List<HttpResponse<String>> answers = race(engine.apiUri(), 8, "same-key", BATCH);
            assertThat(answers)
                    .allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(202));
            assertThat(answers.stream()
                            .filter(r -> r.headers()
                                    .firstValue("Idempotent-Replayed")
                                    .isEmpty())
                            .count())
                    .as("exactly one request landed the events; the others were replays")
                    .isEqualTo(1);
            drained(stores, redis, key);
            assertThat(rows(stores)).isEqualTo(3);
            assertThat(Db.count(stores.postgres(), "SELECT count(DISTINCT event_id) FROM logs"))
                    .isEqualTo(3);
        }
    }

    @Test
    void direct_insert_keeps_the_same_contract() throws Exception {
        Stores stores = TestStores.freshDatabase("idem_direct");
        try (Engine engine = TestEngines.started(direct("idem_direct"), stores)) {
            HttpResponse<String> first = post(engine.apiUri(), "d-1", BATCH);
            HttpResponse<String> retry = post(engine.apiUri(), "d-1", BATCH);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(retry.body()).isEqualTo(first.body());
            assertThat(rows(stores)).isEqualTo(3);

            HttpResponse<String> otherBody = post(engine.apiUri(), "d-1", "{\"seq\":9}");
            assertThat(otherBody.statusCode()).as(otherBody.body()).isEqualTo(422);

            List<HttpResponse<String>> answers = race(engine.apiUri(), 8, "d-race", BATCH);
            assertThat(answers)
                    .allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(202));
            assertThat(answers.stream()
                            .filter(r -> r.headers()
                                    .firstValue("Idempotent-Replayed")
                                    .isEmpty())
                            .count())
                    .isEqualTo(1);
            assertThat(rows(stores)).isEqualTo(6);
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs WHERE event_id IS NULL"))
                    .isZero();
        }
    }

    @Test
    void a_malformed_key_is_refused_with_400_and_lands_nothing() throws Exception {
        Stores stores = TestStores.freshDatabase("idem_bad");
        try (Engine engine = TestEngines.started(direct("idem_bad"), stores)) {
            assertThat(raw(engine.apiUri(), "Idempotency-Key: \r\n")).startsWith("HTTP/1.1 400");
            assertThat(raw(engine.apiUri(), "Idempotency-Key: " + "k".repeat(256) + "\r\n"))
                    .startsWith("HTTP/1.1 400");
            assertThat(raw(engine.apiUri(), "Idempotency-Key: a\u0001b\r\n")).startsWith("HTTP/1.1 400");
            assertThat(raw(engine.apiUri(), "Idempotency-Key: caf\u00e9\r\n")).startsWith("HTTP/1.1 400");
            assertThat(raw(engine.apiUri(), "Idempotency-Key: \"\"\r\n")).startsWith("HTTP/1.1 400");
            assertThat(rows(stores)).isZero();
            assertThat(raw(engine.apiUri(), "Idempotency-Key: " + "k".repeat(255) + "\r\n"))
                    .startsWith("HTTP/1.1 202");
            assertThat(raw(engine.apiUri(), "Idempotency-Key: \"sf-string\"\r\n"))
                    .startsWith("HTTP/1.1 202");
            assertThat(rows(stores)).isEqualTo(2);
        }
    }

    private static EngineConfig direct(String key) {
        EngineConfig c = TestEngines.config(key);
        return c.withKnobs(c.knobs().withMode(IngestMode.DIRECT_INSERT));
    }

    static HttpResponse<String> post(URI api, String idempotencyKey, String body) {
        return Http.send(HttpRequest.newBuilder(api.resolve("/write"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static List<HttpResponse<String>> race(URI api, int n, String idempotencyKey, String body)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return post(api, idempotencyKey, body);
                }));
            }
            go.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One request on a raw socket, for header bytes java.net.http refuses to send; returns the answer's text. */
    private static String raw(URI api, String headerLines) throws IOException {
        byte[] body = "{\"seq\":0}".getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket(api.getHost(), api.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(
                    ("POST /write HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: " + body.length + "\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            out.write(headerLines.getBytes(StandardCharsets.ISO_8859_1));
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static void drained(Stores stores, StatefulRedisConnection<String, String> redis, String key) {
        Await.until(
                "stream " + key + " drained",
                Duration.ofSeconds(60),
                () -> redis.sync().xlen(key) == 0
                        && redis.sync().xpending(key, "log_consumers").getCount() == 0);
    }

    private static long rows(Stores stores) {
        return Db.count(stores.postgres(), "SELECT count(*) FROM logs");
    }
}
