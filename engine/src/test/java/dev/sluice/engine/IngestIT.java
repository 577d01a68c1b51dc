package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IngestIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TOTAL = 20_000;

    @Test
    void twenty_thousand_concurrent_events_land_exactly_once_and_intact() throws Exception {
        Stores stores = TestStores.freshDatabase("ingest");
        try (Engine engine = TestEngines.started(TestEngines.config("ingest_stream"), stores);
                StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            Map<Integer, JsonNode> sent = new ConcurrentHashMap<>();
            AtomicInteger nextSeq = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(16);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int clientId = t;
                done.add(clients.submit(() -> postUntilAllSent(engine.apiUri(), clientId, nextSeq, sent)));
            }
            for (Future<?> f : done) {
                f.get();
            }
            clients.shutdown();
            assertThat(sent).hasSize(TOTAL);

            Await.until(
                    "all rows committed",
                    Duration.ofSeconds(120),
                    () -> Db.count(stores.postgres(), "SELECT count(*) FROM logs") >= TOTAL);
            Await.until(
                    "stream trimmed to its backlog",
                    Duration.ofSeconds(30),
                    () -> redis.sync().xlen("ingest_stream") == 0);

            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs")).isEqualTo(TOTAL);
            assertThat(Db.count(stores.postgres(), "SELECT count(DISTINCT stream_id) FROM logs"))
                    .isEqualTo(TOTAL);
            Map<Integer, JsonNode> stored = new HashMap<>();
            for (String row : Db.strings(stores.postgres(), "SELECT event::text FROM logs")) {
                JsonNode node = JSON.readTree(row);
                stored.put(node.get("seq").asInt(), node);
            }
            assertThat(stored.keySet()).isEqualTo(sent.keySet());
            for (Map.Entry<Integer, JsonNode> e : sent.entrySet()) {
                assertThat(stored.get(e.getKey())).as("event %d", e.getKey()).isEqualTo(e.getValue());
            }
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs WHERE received_at > created_at"))
                    .isZero();
        }
    }

    private static void postUntilAllSent(URI api, int clientId, AtomicInteger nextSeq, Map<Integer, JsonNode> sent) {
        Random random = new Random(clientId);
        while (true) {
            int size = random.nextInt(3) == 0 ? 1 : 1 + random.nextInt(60);
            int first = nextSeq.getAndAdd(size);
            if (first >= TOTAL) {
                return;
            }
            int n = Math.min(size, TOTAL - first);
            ArrayNode batch = JSON.createArrayNode();
            for (int i = 0; i < n; i++) {
                batch.add(event(first + i, random));
            }
            String body = n == 1 && random.nextBoolean() ? batch.get(0).toString() : batch.toString();
            HttpResponse<String> r = Http.post(api, "/write", body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            assertThat(r.body()).isEqualTo("{\"accepted\":" + n + "}");
            batch.forEach(e -> sent.put(e.get("seq").asInt(), e));
        }
    }

    /** Varied, log-like events: escapes, unicode, nesting, numbers of several kinds. */
    private static ObjectNode event(int seq, Random random) {
        ObjectNode e = JSON.createObjectNode();
        e.put("seq", seq);
        e.put("level", List.of("DEBUG", "INFO", "WARN", "ERROR").get(random.nextInt(4)));
        e.put("service", "svc-" + random.nextInt(20));
        e.put(
                "message",
                "line \"" + seq + "\" with \\ backslash,\ttab,\nnewline, ünïcödé ✓ and emoji 😀 "
                        + "x".repeat(random.nextInt(400)));
        e.put("latency_ms", random.nextInt(1000) / 4.0);
        e.put("big", Long.MAX_VALUE - seq);
        e.put("ok", random.nextBoolean());
        e.putNull("parent");
        ObjectNode ctx = e.putObject("context");
        ctx.put("trace", Integer.toHexString(random.nextInt()));
        ctx.putArray("tags").add("a").add(seq % 7).add(false);
        return e;
    }
}
