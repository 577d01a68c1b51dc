package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.stream.PackedEvents;
import dev.sluice.engine.stream.StreamBacklog;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestStores;
import io.lettuce.core.Consumer;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RestartIT {

    @Test
    void backlog_left_at_stop_drains_after_restart_without_loss_or_duplicates() {
        Stores stores = TestStores.freshDatabase("restart");
        String key = "restart_stream";
        EngineConfig paused = TestEngines.config(key)
                .withKnobs(TestEngines.config(key).knobs().withPaused(true));
        try (StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            try (Engine first = TestEngines.started(paused, stores)) {
                for (int i = 0; i < 30; i++) {
                    assertThat(Http.post(first.apiUri(), "/write", batch(i * 100, 100))
                                    .statusCode())
                            .isEqualTo(202);
                }
                assertThat(StreamBacklog.events(redis.sync(), key))
                        .as("backlog in events")
                        .isEqualTo(3000);
                assertThat(redis.sync().xlen(key))
                        .as("entries: each batch of 100 packed %d events to an entry", PackedEvents.MAX_EVENTS)
                        .isEqualTo(30 * 4);
                // entries a worker of the same name had read but not acknowledged when it died
                redis.sync()
                        .xreadgroup(
                                Consumer.from("log_consumers", key + "-w1"),
                                XReadArgs.Builder.count(200),
                                XReadArgs.StreamOffset.lastConsumed(key));
            }
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs")).isZero();

            try (Engine second = TestEngines.started(TestEngines.config(key), stores)) {
                Await.until(
                        "backlog drained",
                        Duration.ofSeconds(60),
                        () -> redis.sync().xlen(key) == 0);
                assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs"))
                        .isEqualTo(3000);
                assertThat(Db.count(stores.postgres(), "SELECT count(DISTINCT (event->>'seq')) FROM logs"))
                        .isEqualTo(3000);
                assertThat(redis.sync().xpending(key, "log_consumers").getCount())
                        .isZero();
            }
        }
    }

    @Test
    void every_event_answered_202_survives_a_stop_under_load() throws Exception {
        Stores stores = TestStores.freshDatabase("stop_under_load");
        String key = "stop_load_stream";
        Set<Integer> accepted = ConcurrentHashMap.newKeySet();
        AtomicBoolean refused = new AtomicBoolean();
        try (StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            Engine first = TestEngines.started(TestEngines.config(key), stores);
            URI api = first.apiUri();
            Thread[] posters = new Thread[4];
            for (int t = 0; t < posters.length; t++) {
                int base = t * 1_000_000;
                posters[t] = new Thread(() -> {
                    for (int i = 0; !refused.get(); i++) {
                        try {
                            HttpResponse<String> r = Http.post(api, "/write", batch(base + i * 10, 10));
                            if (r.statusCode() == 202) {
                                for (int k = 0; k < 10; k++) {
                                    accepted.add(base + i * 10 + k);
                                }
                            } else {
                                assertThat(r.statusCode()).isEqualTo(503);
                                refused.set(true);
                            }
                        } catch (RuntimeException e) {
                            refused.set(true); // connection refused once the port closes
                        }
                    }
                });
                posters[t].start();
            }
            Await.until("some load accepted", Duration.ofSeconds(30), () -> accepted.size() > 2000);
            first.stop(Duration.ofSeconds(30));
            refused.set(true);
            for (Thread p : posters) {
                p.join();
            }
            try (Engine second = TestEngines.started(TestEngines.config(key), stores)) {
                Await.until(
                        "backlog drained",
                        Duration.ofSeconds(60),
                        () -> redis.sync().xlen(key) == 0);
                long rows = Db.count(stores.postgres(), "SELECT count(*) FROM logs");
                assertThat(rows).isEqualTo(accepted.size());
                Set<String> stored = Set.copyOf(Db.strings(stores.postgres(), "SELECT event->>'seq' FROM logs"));
                assertThat(stored).hasSize(accepted.size());
                accepted.forEach(seq -> assertThat(stored).contains(String.valueOf(seq)));
            }
        }
    }

    static String batch(int firstSeq, int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("{\"seq\":").append(firstSeq + i).append(",\"msg\":\"hello\"}");
        }
        return b.append("]").toString();
    }
}
