package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.IngestMode;
import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.stream.EventIds;
import dev.sluice.engine.stream.StreamFields;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestStores;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's own retries never duplicate an event, and direct-insert is all or nothing. */
class SafeRetriesIT {

    @Test
    void a_stream_entry_sent_twice_with_one_event_id_becomes_one_row() {
        Stores stores = TestStores.freshDatabase("resend");
        String key = "resend_stream";
        RedisClient client = RedisClient.create(stores.redis().uri());
        try (Engine engine = TestEngines.started(TestEngines.config(key), stores);
                StatefulRedisConnection<String, byte[]> raw = client.connect(StreamFields.CODEC);
                StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            byte[] id = new EventIds().next();
            // what Lettuce re-sending an XADD after a reconnect leaves: two entries, one event id
            for (int i = 0; i < 2; i++) {
                raw.sync().xadd(key, entry("{\"seq\":1}", id));
            }
            // and a whole batch re-sent: the second copy arrives in the same read as the first
            byte[] a = new EventIds().next();
            byte[] b = new EventIds().next();
            for (int i = 0; i < 2; i++) {
                raw.sync().xadd(key, entry("{\"seq\":2}", a));
                raw.sync().xadd(key, entry("{\"seq\":3}", b));
            }
            Await.until(
                    "stream drained",
                    Duration.ofSeconds(60),
                    () -> redis.sync().xlen(key) == 0
                            && redis.sync().xpending(key, "log_consumers").getCount() == 0);
            assertThat(Db.strings(stores.postgres(), "SELECT event->>'seq' FROM logs ORDER BY 1"))
                    .containsExactly("1", "2", "3");
            assertThat(Db.strings(stores.postgres(), "SELECT event_id::text FROM logs WHERE event->>'seq' = '1'"))
                    .containsExactly(EventIds.toUuid(id).toString());
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM dead_letters"))
                    .isZero();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void an_entry_of_an_older_engine_without_an_event_id_lands_once_with_a_derived_id() {
        Stores stores = TestStores.freshDatabase("legacy");
        String key = "legacy_stream";
        RedisClient client = RedisClient.create(stores.redis().uri());
        try (Engine engine = TestEngines.started(TestEngines.config(key), stores);
                StatefulRedisConnection<String, byte[]> raw = client.connect(StreamFields.CODEC);
                StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            String entryId = raw.sync().xadd(key, entry("{\"seq\":7}", null));
            Await.until(
                    "stream drained", Duration.ofSeconds(60), () -> redis.sync().xlen(key) == 0);
            assertThat(Db.strings(stores.postgres(), "SELECT event_id::text FROM logs"))
                    .containsExactly(
                            EventIds.toUuid(EventIds.forLegacyEntry(entryId)).toString());
        } finally {
            client.shutdown();
        }
    }

    @Test
    void an_entry_an_older_engine_wrote_but_never_acknowledged_is_not_written_again_after_the_upgrade() {
        Stores stores = TestStores.freshDatabase("upgrade");
        String key = "upgrade_stream";
        EngineConfig config = TestEngines.config(key);
        RedisClient client = RedisClient.create(stores.redis().uri());
        try (StatefulRedisConnection<String, byte[]> raw = client.connect(StreamFields.CODEC);
                StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            try (Engine migrate =
                    TestEngines.started(config.withKnobs(config.knobs().withPaused(true)), stores)) {
                assertThat(migrate.state()).isNotNull(); // started once so Flyway has made the tables
            }
            // the old engine: XADD without event_id, read by its worker w1, row committed (event_id NULL), then killed
            // before XACK
            String entryId = raw.sync().xadd(key, entry("{\"seq\":5}", null));
            redis.sync()
                    .xreadgroup(
                            Consumer.from("log_consumers", key + "-w1"),
                            XReadArgs.Builder.count(10),
                            XReadArgs.StreamOffset.lastConsumed(key));
            Db.execute(
                    stores.postgres(),
                    "INSERT INTO logs (event, received_at, stream_id) VALUES ('{\"seq\":5}', now(), '" + entryId
                            + "')");

            try (Engine upgraded = TestEngines.started(config, stores)) {
                Await.until(
                        "the old entry re-read and acknowledged",
                        Duration.ofSeconds(60),
                        () -> redis.sync().xlen(key) == 0
                                && redis.sync().xpending(key, "log_consumers").getCount() == 0);
            }
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs")).isEqualTo(1);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void direct_insert_a_batch_failing_half_way_stores_nothing_and_says_why() {
        Stores stores = TestStores.freshDatabase("direct_atomic");
        EngineConfig c = TestEngines.config("direct_atomic");
        try (Engine engine = TestEngines.started(c.withKnobs(c.knobs().withMode(IngestMode.DIRECT_INSERT)), stores)) {
            // valid JSON the parser lets through, refused only inside PostgreSQL
            Db.execute(
                    stores.postgres(),
                    "ALTER TABLE logs ADD CONSTRAINT no_poison CHECK (event->>'kind' IS DISTINCT FROM 'poison')");
            String batch = "[{\"seq\":1},{\"seq\":2,\"kind\":\"poison\"},{\"seq\":3}]";

            HttpResponse<String> r = Http.post(engine.apiUri(), "/write", batch);

            assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(r.body())
                    .contains("none of its 3 event(s) was stored")
                    .contains("no_poison")
                    .contains("23514");
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs")).isZero();

            HttpResponse<String> good = Http.post(engine.apiUri(), "/write", "[{\"seq\":1},{\"seq\":3}]");
            assertThat(good.statusCode()).as(good.body()).isEqualTo(202);
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs")).isEqualTo(2);
        }
    }

    @Test
    void direct_insert_a_keyed_batch_that_fails_leaves_the_key_free_for_a_retry() {
        Stores stores = TestStores.freshDatabase("direct_keyed_fail");
        EngineConfig c = TestEngines.config("direct_keyed_fail");
        try (Engine engine = TestEngines.started(c.withKnobs(c.knobs().withMode(IngestMode.DIRECT_INSERT)), stores)) {
            Db.execute(
                    stores.postgres(),
                    "ALTER TABLE logs ADD CONSTRAINT no_poison CHECK (event->>'kind' IS DISTINCT FROM 'poison')");
            String batch = "[{\"seq\":1},{\"seq\":2,\"kind\":\"poison\"}]";
            assertThat(IdempotencyIT.post(engine.apiUri(), "k-1", batch).statusCode())
                    .isEqualTo(422);
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM idempotency_keys"))
                    .isZero();

            Db.execute(stores.postgres(), "ALTER TABLE logs DROP CONSTRAINT no_poison");
            HttpResponse<String> retry = IdempotencyIT.post(engine.apiUri(), "k-1", batch);
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs")).isEqualTo(2);
        }
    }

    private static Map<String, byte[]> entry(String json, byte[] eventId) {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put(StreamFields.EVENT, json.getBytes(StandardCharsets.UTF_8));
        if (eventId != null) {
            fields.put(StreamFields.EVENT_ID, eventId);
        }
        fields.put(StreamFields.RECEIVED_AT, "1732259100000000".getBytes(StandardCharsets.US_ASCII));
        return fields;
    }
}
