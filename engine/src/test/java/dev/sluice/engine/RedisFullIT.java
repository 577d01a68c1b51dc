package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.stores.RedisEndpoint;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestPorts;
import dev.sluice.testing.TestStores;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * A Redis at maxmemory under noeviction: writes get 429 (not 503), and the workers can still
 * XREADGROUP, XACK and XDEL, so the backlog drains while Redis is full.
 */
class RedisFullIT {
    private static final String KEY = "full_stream";

    @Test
    void a_full_redis_throttles_writes_and_the_workers_still_drain_it() throws Exception {
        Stores shared = TestStores.freshDatabase("redis_full");
        int port = TestPorts.free();
        Path dir = Files.createTempDirectory("sluice-redis-full");
        RedisServer server = RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("dir " + dir)
                .setting("save \"\"")
                .setting("maxmemory 16mb")
                .setting("maxmemory-policy noeviction")
                .build();
        server.start();
        Stores stores = TestStores.withRedis(shared, port, "external");
        PostgresEndpoint pg = stores.postgres();
        RedisEndpoint own = stores.redis();
        RedisClient client = RedisClient.create(own.uri());
        try (Engine engine = TestEngines.started(
                        TestEngines.config(KEY).withKnobs(Knobs.defaults().withPaused(true)), stores);
                StatefulRedisConnection<String, String> redis = client.connect()) {
            long accepted = 0;
            Map<Integer, Integer> statuses = new TreeMap<>();
            HttpResponse<String> last = null;
            for (int first = 0; first < 200_000 && (last == null || last.statusCode() == 202); first += 100) {
                last = Http.post(engine.apiUri(), "/write", bigBatch(first, 100));
                statuses.merge(last.statusCode(), 1, Integer::sum);
                if (last.statusCode() == 202) {
                    accepted += 100;
                }
            }
            assertThat(last.statusCode())
                    .as("statuses %s, last %s", statuses, last.body())
                    .isEqualTo(429);
            assertThat(accepted).as("events accepted before Redis filled up").isGreaterThan(1_000);
            assertThat(last.body()).containsIgnoringCase("Redis");
            assertThat(last.headers().firstValue("Retry-After")).isPresent();

            // Fill Redis to the limit behind the engine's back (big keys until Redis answers OOM),
            // then write. Redis' used memory can dip just under maxmemory as it frees a client
            // buffer, and the gate's memory sample is up to 100 ms old, so one small write may
            // still fit: fill again and retry. Every answer must be 202 or 429, never a 503.
            Map<Integer, Integer> fullAnswers = new TreeMap<>();
            HttpResponse<String> full = null;
            for (int round = 0; round < 20 && (full == null || full.statusCode() == 202); round++) {
                int from = round * 10_000;
                assertThatThrownBy(() -> {
                            String chunk = "x".repeat(64 * 1024);
                            for (int i = from; i < from + 10_000; i++) {
                                redis.sync().set("filler:" + i, chunk);
                            }
                        })
                        .isInstanceOf(RedisCommandExecutionException.class)
                        .hasMessageContaining("OOM");
                full = Http.post(engine.apiUri(), "/write", bigBatch(900_000 + round, 1));
                fullAnswers.merge(full.statusCode(), 1, Integer::sum);
                if (full.statusCode() == 202) {
                    accepted += 1;
                }
            }
            assertThat(fullAnswers.keySet())
                    .as("answers to writes to a full Redis: %s", fullAnswers)
                    .isSubsetOf(202, 429);
            assertThat(full.statusCode())
                    .as("a write to a full Redis: %s (answers %s)", full.body(), fullAnswers)
                    .isEqualTo(429);

            engine.update(KnobsChange.none().withPaused(false));
            Await.until(
                    "the stream drained while Redis is full",
                    Duration.ofSeconds(40),
                    () -> redis.sync().xlen(KEY) == 0);
            long want = accepted;
            Await.until(
                    "every accepted event in logs",
                    Duration.ofSeconds(30),
                    () -> Db.count(pg, "SELECT count(*) FROM logs") >= want);
            assertThat(Db.count(pg, "SELECT count(*) FROM logs"))
                    .as("rows vs events answered 202")
                    .isEqualTo(accepted);
            assertThat(Db.count(pg, "SELECT count(DISTINCT (event->>'seq')) FROM logs"))
                    .isEqualTo(accepted);

            for (int i = 0; i < 10_000; i += 500) {
                String[] keys = new String[500];
                for (int k = 0; k < 500; k++) {
                    keys[k] = "filler:" + (i + k);
                }
                redis.sync().del(keys);
            }
            Await.until(
                    "writes answered 202 again once Redis has room",
                    Duration.ofSeconds(30),
                    () -> Http.post(engine.apiUri(), "/write", bigBatch(950_000, 1))
                                    .statusCode()
                            == 202);
        } finally {
            client.shutdown();
            server.stop();
        }
    }

    /** Events of about 2 KB. */
    private static String bigBatch(int firstSeq, int n) {
        String pad = "p".repeat(2000);
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"seq\":")
                    .append(firstSeq + i)
                    .append(",\"pad\":\"")
                    .append(pad)
                    .append("\"}");
        }
        return b.append("]").toString();
    }
}
