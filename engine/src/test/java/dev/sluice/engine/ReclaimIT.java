package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KnobsChange;
import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestStores;
import io.lettuce.core.Consumer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReclaimIT {

    @Test
    void entries_of_a_consumer_that_died_unacked_are_reclaimed_and_land_once() {
        Stores stores = TestStores.freshDatabase("reclaim");
        String key = "reclaim_stream";
        EngineConfig config = TestEngines.config(key);
        try (Engine engine = TestEngines.started(config.withKnobs(config.knobs().withPaused(true)), stores);
                StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            assertThat(Http.post(engine.apiUri(), "/write", RestartIT.batch(0, 100))
                            .statusCode())
                    .isEqualTo(202);

            // a consumer of another node reads everything, then dies without acknowledging
            List<StreamMessage<String, String>> taken = redis.sync()
                    .xreadgroup(
                            Consumer.from("log_consumers", "ghost"),
                            XReadArgs.Builder.count(1000),
                            XReadArgs.StreamOffset.lastConsumed(key));
            assertThat(taken).hasSize(100);
            // ... and it had committed the first 40 before dying: their redelivery must not duplicate them
            for (StreamMessage<String, String> m : taken.subList(0, 40)) {
                Db.execute(
                        stores.postgres(),
                        "INSERT INTO logs (event, received_at, stream_id) VALUES ('"
                                + m.getBody().get("event") + "', now(), '" + m.getId() + "')");
            }

            engine.update(KnobsChange.none().withPaused(false));
            Await.until(
                    "pending list emptied",
                    Duration.ofSeconds(60),
                    () -> redis.sync().xpending(key, "log_consumers").getCount() == 0);

            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs")).isEqualTo(100);
            assertThat(Db.count(stores.postgres(), "SELECT count(DISTINCT (event->>'seq')) FROM logs"))
                    .isEqualTo(100);
            assertThat(redis.sync().xlen(key)).isZero();
        }
    }
}
