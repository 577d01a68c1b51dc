package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KnobsChange;
import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.stream.EventIds;
import dev.sluice.engine.stream.PackedEvents;
import dev.sluice.engine.stream.StreamBacklog;
import dev.sluice.engine.stream.StreamFields;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestStores;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
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
            for (int seq = 0; seq < 100; seq++) {
                assertThat(Http.post(engine.apiUri(), "/write", "{\"seq\":" + seq + "}")
                                .statusCode())
                        .isEqualTo(202);
            }

            // a consumer of an older engine on another node reads everything, then dies without acknowledging
            List<StreamMessage<String, String>> taken = redis.sync()
                    .xreadgroup(
                            Consumer.from("log_consumers", "ghost"),
                            XReadArgs.Builder.count(1000),
                            XReadArgs.StreamOffset.lastConsumed(key));
            assertThat(taken).hasSize(100);
            // ... and it had committed the first 40 (without event ids, as older engines did) before
            // dying: their redelivery must not duplicate them
            for (StreamMessage<String, String> m : taken.subList(0, 40)) {
                Db.execute(
                        stores.postgres(),
                        "INSERT INTO logs (event, received_at, stream_id) VALUES ('"
                                + m.getBody().get("event") + "', now(), '" + m.getId() + "')");
            }

            resumeAndExpectEachOfTheHundredOnce(engine, stores, redis, key);
        }
    }

    @Test
    void packed_entries_of_a_consumer_that_died_after_committing_part_of_them_land_once() {
        Stores stores = TestStores.freshDatabase("reclaim_packed");
        String key = "reclaim_packed_stream";
        EngineConfig config = TestEngines.config(key);
        RedisClient client = RedisClient.create(stores.redis().uri());
        try (Engine engine = TestEngines.started(config.withKnobs(config.knobs().withPaused(true)), stores);
                StatefulRedisConnection<String, byte[]> raw = client.connect(StreamFields.CODEC);
                StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            assertThat(Http.post(engine.apiUri(), "/write", RestartIT.batch(0, 100))
                            .statusCode())
                    .isEqualTo(202);

            // a worker of another node reads the batch's entries, then dies without acknowledging
            List<StreamMessage<String, byte[]>> taken = raw.sync()
                    .xreadgroup(
                            Consumer.from("log_consumers", "ghost"),
                            XReadArgs.Builder.count(1000),
                            XReadArgs.StreamOffset.lastConsumed(key));
            assertThat(taken)
                    .as("entries of up to %d events", PackedEvents.MAX_EVENTS)
                    .hasSize(4);
            // ... after committing the first entry's events with their event ids and acceptance time
            // (microseconds, exactly), as a Sluice worker does
            byte[] ids = taken.get(0).getBody().get(StreamFields.EVENT_IDS);
            List<byte[]> events = PackedEvents.unpack(taken.get(0).getBody().get(StreamFields.EVENTS), ids.length / 16);
            String receivedMicros =
                    new String(taken.get(0).getBody().get(StreamFields.RECEIVED_AT), StandardCharsets.US_ASCII);
            for (int i = 0; i < events.size(); i++) {
                Db.execute(
                        stores.postgres(),
                        "INSERT INTO logs (event, received_at, stream_id, event_id) VALUES ('"
                                + new String(events.get(i), StandardCharsets.UTF_8)
                                + "', timestamptz 'epoch' + interval '1 microsecond' * " + receivedMicros + ", '"
                                + taken.get(0).getId() + "#" + i + "', '"
                                + EventIds.toUuid(Arrays.copyOfRange(ids, 16 * i, 16 * i + 16)) + "')");
            }

            resumeAndExpectEachOfTheHundredOnce(engine, stores, redis, key);
        } finally {
            client.shutdown();
        }
    }

    /** Resumes the workers; once nothing is pending, seq 0..99 are each one row and the stream is empty. */
    private static void resumeAndExpectEachOfTheHundredOnce(
            Engine engine, Stores stores, StatefulRedisConnection<String, String> redis, String key) {
        engine.update(KnobsChange.none().withPaused(false));
        Await.until(
                "pending list emptied",
                Duration.ofSeconds(60),
                () -> redis.sync().xpending(key, "log_consumers").getCount() == 0);

        assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs")).isEqualTo(100);
        assertThat(Db.count(stores.postgres(), "SELECT count(DISTINCT (event->>'seq')) FROM logs"))
                .isEqualTo(100);
        assertThat(redis.sync().xlen(key)).isZero();
        assertThat(StreamBacklog.events(redis.sync(), key)).isZero();
    }
}
