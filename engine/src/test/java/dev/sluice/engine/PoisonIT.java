package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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

    @Test
    void a_poison_event_in_a_packed_entry_is_dead_lettered_alone_and_the_entry_leaves_no_backlog() {
        Stores stores = TestStores.freshDatabase("poison_packed");
        String key = "poison_packed_stream";
        RedisClient client = RedisClient.create(stores.redis().uri());
        try (Engine engine = TestEngines.started(TestEngines.config(key), stores);
                StatefulRedisConnection<String, byte[]> raw = client.connect(StreamFields.CODEC);
                StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            EventIds ids = new EventIds();
            ByteArrayOutputStream packedIds = new ByteArrayOutputStream();
            for (int i = 0; i < 3; i++) {
                packedIds.writeBytes(ids.next());
            }
            List<byte[]> events = Stream.of("{\"seq\":0}", "this is not json", "{\"seq\":2}")
                    .map(e -> e.getBytes(StandardCharsets.UTF_8))
                    .toList();
            String stamp = String.valueOf(System.currentTimeMillis() * 1000);
            // written straight into the stream as the batch script writes it, past the API's validation
            String id = raw.sync()
                    .xadd(
                            key,
                            Map.of(
                                    StreamFields.EVENTS, PackedEvents.pack(events, 0, 3),
                                    StreamFields.EVENT_IDS, packedIds.toByteArray(),
                                    StreamFields.RECEIVED_AT, stamp.getBytes(StandardCharsets.US_ASCII)));
            redis.sync().incrby(StreamFields.extraEventsKey(key), 2);

            Await.until(
                    "poison dead-lettered",
                    Duration.ofSeconds(60),
                    () -> Db.count(stores.postgres(), "SELECT count(*) FROM dead_letters") == 1);
            Await.until(
                    "stream empty", Duration.ofSeconds(30), () -> redis.sync().xlen(key) == 0);

            assertThat(Db.strings(stores.postgres(), "SELECT stream_id || ' ' || (event->>'seq') FROM logs ORDER BY 1"))
                    .containsExactly(id + "#0 0", id + "#2 2");
            assertThat(
                            Db.strings(
                                    stores.postgres(),
                                    "SELECT stream_id || ' ' || attempts || ' ' || convert_from(payload, 'UTF8') FROM dead_letters"))
                    .containsExactly(id + "#1 5 this is not json");
            assertThat(redis.sync().get(StreamFields.extraEventsKey(key)))
                    .as("events beyond one per entry still counted")
                    .isIn(null, "0");
            assertThat(StreamBacklog.events(redis.sync(), key)).isZero();
            assertThat(redis.sync().xpending(key, "log_consumers").getCount()).isZero();
        } finally {
            client.shutdown();
        }
    }
}
