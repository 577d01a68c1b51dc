package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.stores.RedisEndpoint;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestPorts;
import dev.sluice.testing.TestStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

class RedisOutageIT {

    @Test
    void writes_get_fast_503_while_redis_is_down_and_flow_again_when_it_returns() throws Exception {
        Stores shared = TestStores.freshDatabase("redis_outage");
        int port = TestPorts.free();
        Path dir = Files.createTempDirectory("sluice-redis-outage");
        RedisServer redis = server(port, dir);
        redis.start();
        Stores stores = TestStores.withRedis(shared, port, "embedded");
        PostgresEndpoint pg = stores.postgres();
        RedisEndpoint own = stores.redis();
        try (Engine engine = TestEngines.started(TestEngines.config("outage_stream"), stores)) {
            assertThat(Http.post(engine.apiUri(), "/write", RestartIT.batch(0, 100))
                            .statusCode())
                    .isEqualTo(202);
            Await.until("first rows", Duration.ofSeconds(30), () -> Db.count(pg, "SELECT count(*) FROM logs") == 100);

            redis.stop();
            long t0 = System.nanoTime();
            HttpResponse<String> down = Http.post(engine.apiUri(), "/write", RestartIT.batch(1000, 10));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThat(new ObjectMapper().readTree(down.body()).get("detail").asText())
                    .containsIgnoringCase("redis");
            assertThat(millis).as("a request must not hang while Redis is down").isLessThan(10_000);
            // /ready answers from the health probe's latest verdict (every 250 ms), not a fresh PING
            Await.until(
                    "/ready says Redis is down",
                    Duration.ofSeconds(10),
                    () -> Http.get(engine.apiUri(), "/ready").statusCode() == 503);
            assertThat(new ObjectMapper()
                            .readTree(Http.get(engine.apiUri(), "/ready").body())
                            .get("detail")
                            .asText())
                    .startsWith("not ready: redis did not answer for ");
            // Redis long gone: the producer refuses without sending, and says nothing was stored
            HttpResponse<String> refused = Http.post(engine.apiUri(), "/write", RestartIT.batch(3000, 10));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(new ObjectMapper()
                            .readTree(refused.body())
                            .path("stored")
                            .asText())
                    .as("the problem's stored member; body %s", refused.body())
                    .isEqualTo("none");

            redis = server(port, dir);
            redis.start();
            Await.until(
                    "writes accepted again",
                    Duration.ofSeconds(60),
                    () -> Http.post(engine.apiUri(), "/write", RestartIT.batch(2000, 100))
                                    .statusCode()
                            == 202);
            Await.until(
                    "rows after recovery",
                    Duration.ofSeconds(60),
                    () -> Db.count(pg, "SELECT count(*) FROM logs") >= 200);
            Thread.sleep(500);
            long rows = Db.count(pg, "SELECT count(*) FROM logs");
            assertThat(rows).isEqualTo(Db.count(pg, "SELECT count(DISTINCT (event->>'seq')) FROM logs"));
            assertThat(Db.count(pg, "SELECT count(*) FROM logs WHERE (event->>'seq')::int BETWEEN 1000 AND 1009"))
                    .isZero();
            assertThat(Db.count(pg, "SELECT count(*) FROM logs WHERE (event->>'seq')::int BETWEEN 3000 AND 3009"))
                    .isZero();
        } finally {
            redis.stop();
        }
    }

    @Test
    void while_redis_is_down_pages_come_from_postgres_the_queue_works_and_new_items_get_503() throws Exception {
        Stores shared = TestStores.freshDatabase("redis_outage_workloads");
        int port = TestPorts.free();
        Path dir = Files.createTempDirectory("sluice-redis-outage-workloads");
        RedisServer redis = server(port, dir);
        redis.start();
        Stores stores = TestStores.withRedis(shared, port, "embedded");
        try (Engine engine = TestEngines.started(TestEngines.config("outage_workloads"), stores)) {
            URI api = engine.apiUri();
            HttpResponse<String> first = Http.post(api, "/items", "{\"name\":\"before\"}");
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            assertThat(Http.get(api, "/items/1?wait=10s").statusCode()).isEqualTo(200);
            String page = Http.get(api, "/items").body();
            assertThat(Http.get(api, "/items").body()).as("cached").isEqualTo(page);

            redis.stop();
            HttpResponse<String> read = Http.get(api, "/items");
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(read.body()).as("the page, from PostgreSQL").isEqualTo(page);
            assertThat(Http.get(api, "/items/1").statusCode()).isEqualTo(200);
            HttpResponse<String> post = Http.post(api, "/items", "{\"name\":\"during\"}");
            assertThat(post.statusCode()).as(post.body()).isEqualTo(503);
            assertThat(post.headers().firstValue("Retry-After")).isPresent();
            HttpResponse<String> message = Http.post(api, "/message", "{\"channel\":\"jobs\",\"message\":{}}");
            assertThat(message.statusCode())
                    .as("the queue needs no Redis: %s", message.body())
                    .isEqualTo(201);
            assertThat(Http.get(api, "/queue/jobs").statusCode()).isEqualTo(200);

            redis = server(port, dir);
            redis.start();
            Await.until(
                    "items accepted again",
                    Duration.ofSeconds(60),
                    () -> Http.post(api, "/items", "{\"name\":\"after\"}").statusCode() == 202);
            Await.until(
                    "the new item in a page",
                    Duration.ofSeconds(30),
                    () -> Http.get(api, "/items").body().contains("\"after\""));
            assertThat(Db.strings(stores.postgres(), "SELECT name FROM items ORDER BY id"))
                    .as("nothing refused was stored")
                    .doesNotContain("during")
                    .startsWith("before");
        } finally {
            redis.stop();
        }
    }

    private static RedisServer server(int port, Path dir) throws IOException {
        return RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("dir " + dir)
                .setting("appendonly yes")
                .setting("save \"\"")
                .build();
    }
}
