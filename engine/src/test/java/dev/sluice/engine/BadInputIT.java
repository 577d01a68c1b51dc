package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestStores;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BadInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "bad_input_stream";
    private static Stores stores;
    private static Engine engine;
    private static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void start() {
        stores = TestStores.freshDatabase("bad_input");
        engine = TestEngines.started(TestEngines.config(KEY), stores);
        redis = TestEngines.redis(stores);
        // one accepted event first: bad input must not cost it
        assertThat(Http.post(engine.apiUri(), "/write", "{\"seq\":0,\"good\":true}")
                        .statusCode())
                .isEqualTo(202);
        // rows are numbered in commit order and ten workers flush independently: let it land
        // before any test posts, or it may commit after a test's events and be the newest row
        Await.until("the first event landed", Duration.ofSeconds(30), () -> firstEventRows() == 1);
    }

    private static long firstEventRows() {
        return Db.count(stores.postgres(), "SELECT count(*) FROM logs WHERE event->>'good' = 'true'");
    }

    @AfterAll
    static void stop() {
        redis.close();
        engine.close();
    }

    private static JsonNode problem(HttpResponse<String> r, int status, String detailPart) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).contains(detailPart);
        return body;
    }

    private static HttpResponse<String> write(String body) {
        return Http.post(engine.apiUri(), "/write", body);
    }

    @Test
    void every_bad_write_gets_its_status_and_costs_nothing() throws Exception {
        URI api = engine.apiUri();
        Await.until(
                "earlier events landed",
                Duration.ofSeconds(30),
                () -> redis.sync().xlen(KEY) == 0 && firstEventRows() == 1);
        long rowsBefore = Db.count(stores.postgres(), "SELECT count(*) FROM logs");
        problem(write("{\"a\": }"), 400, "malformed JSON");
        problem(write("{\"a\": 1"), 400, "malformed JSON");
        problem(write("42"), 400, "was a number");
        problem(write("\"text\""), 400, "was a string");
        problem(write("[{\"a\":1}, {\"b\":2}, \"three\"]"), 400, "event [2]");
        problem(write("[]"), 400, "empty");
        problem(write(""), 400, "empty");
        problem(write("[{\"ok\":1}, {\"msg\":\"nul \\u0000 here\"}]"), 400, "\\u0000");
        problem(write("[" + "{\"i\":1},".repeat(1000) + "{\"i\":1}]"), 413, "at most 1000 events");
        problem(write("{\"pad\":\"" + "x".repeat(1 << 20) + "\"}"), 413, "limit");
        problem(Http.post(api, "/write", "{\"a\":1}", "text/plain"), 415, "application/json");
        problem(Http.post(api, "/write", "{\"a\":1}", "application/x-www-form-urlencoded"), 415, "application/json");
        problem(Http.post(api, "/write", "{\"a\":1}", null), 415, "missing");
        problem(Http.get(api, "/messages?n=abc"), 400, "n (or limit) must be a whole number");
        problem(Http.get(api, "/messages?n=0"), 400, "n (or limit) must be a whole number");
        problem(Http.get(api, "/messages?n=5000"), 400, "1 to 1000");
        problem(Http.get(api, "/no-such-route"), 404, "not found");

        Thread.sleep(300); // let any wrongly queued entry surface before counting
        assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs")).isEqualTo(rowsBefore);
        assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM dead_letters"))
                .isZero();
        assertThat(redis.sync().xlen(KEY)).isZero();
    }

    @Test
    void messages_returns_the_latest_rows_newest_first() throws Exception {
        for (int i = 1; i <= 5; i++) {
            assertThat(write("{\"seq\":" + i + ",\"tag\":\"latest\"}").statusCode())
                    .isEqualTo(202);
        }
        Await.until(
                "rows landed",
                Duration.ofSeconds(30),
                () -> Db.count(stores.postgres(), "SELECT count(*) FROM logs WHERE event->>'tag' = 'latest'") == 5);
        HttpResponse<String> r = Http.get(engine.apiUri(), "/messages?n=3");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode rows = JSON.readTree(r.body());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("id").asLong())
                .isGreaterThan(rows.get(1).get("id").asLong());
        assertThat(rows.get(0).get("event").get("tag").asText()).isEqualTo("latest");
        assertThat(rows.get(0).get("stream_id").asText()).matches("\\d+-\\d+");
        assertThat(rows.get(0).has("received_at")).isTrue();
    }

    @Test
    void health_and_ready_answer() throws Exception {
        assertThat(Http.get(engine.apiUri(), "/health").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = Http.get(engine.apiUri(), "/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).get("stores").get("redis").asBoolean())
                .isTrue();
    }
}
