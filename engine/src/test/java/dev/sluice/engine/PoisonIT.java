package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestStores;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoisonIT {

    @Test
    void poison_entries_go_to_dead_letters_and_the_stream_keeps_flowing() {
        Stores stores = TestStores.freshDatabase("poison");
        String key = "poison_stream";
        try (Engine engine = TestEngines.started(TestEngines.config(key), stores);
                StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            String stamp = String.valueOf(System.currentTimeMillis() * 1000);
            // written straight into the stream, past the API's validation
            String notJson = redis.sync().xadd(key, Map.of("event", "this is not json", "received_at", stamp));
            String nul = redis.sync().xadd(key, Map.of("event", "{\"a\":\"\\u0000\"}", "received_at", stamp));
            String noFields = redis.sync().xadd(key, Map.of("something", "else"));
            for (int i = 0; i < 5; i++) {
                assertThat(Http.post(engine.apiUri(), "/write", RestartIT.batch(i * 100, 100))
                                .statusCode())
                        .isEqualTo(202);
            }

            Await.until(
                    "good rows landed",
                    Duration.ofSeconds(60),
                    () -> Db.count(stores.postgres(), "SELECT count(*) FROM logs") == 500);
            Await.until(
                    "poison dead-lettered",
                    Duration.ofSeconds(60),
                    () -> Db.count(stores.postgres(), "SELECT count(*) FROM dead_letters") == 3);
            Await.until(
                    "stream empty", Duration.ofSeconds(30), () -> redis.sync().xlen(key) == 0);

            List<String> ids = Db.strings(stores.postgres(), "SELECT stream_id FROM dead_letters ORDER BY stream_id");
            assertThat(ids).containsExactlyInAnyOrder(notJson, nul, noFields);
            assertThat(Db.strings(
                                    stores.postgres(),
                                    "SELECT error FROM dead_letters WHERE stream_id = '" + notJson + "'")
                            .get(0))
                    .contains("invalid input syntax");
            assertThat(Db.count(
                            stores.postgres(), "SELECT attempts FROM dead_letters WHERE stream_id = '" + notJson + "'"))
                    .isEqualTo(5);
            assertThat(Db.strings(
                            stores.postgres(),
                            "SELECT convert_from(payload, 'UTF8') FROM dead_letters WHERE stream_id = '" + notJson
                                    + "'"))
                    .containsExactly("this is not json");
            assertThat(redis.sync().xpending(key, "log_consumers").getCount()).isZero();
        }
    }
}
