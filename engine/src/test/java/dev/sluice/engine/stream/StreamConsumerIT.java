package dev.sluice.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.TestStores;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A consumer on the shared embedded Redis: acknowledging committed entries removes them from the stream. */
class StreamConsumerIT {

    @Test
    void ack_and_delete_leaves_neither_pending_nor_stream_entries_for_a_batch_past_luas_unpack_limit() {
        String key = "consumer_it_" + ProcessHandle.current().pid();
        RedisClient client = RedisClient.create(TestStores.shared().redis().uri());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            redis.sync().del(key);
            StreamConsumer.ensureGroup(redis.sync(), key, "g");
            for (int i = 0; i < 9_000; i++) {
                redis.sync().xadd(key, Map.of("event", "{\"i\":" + i + "}"));
            }
            try (StreamConsumer consumer = new StreamConsumer(client, key, "g", "c1")) {
                List<FinishedEntry> ids = new ArrayList<>();
                while (ids.size() < 9_000) {
                    consumer.readNew(10_000, Duration.ofMillis(100)).forEach(e -> ids.add(FinishedEntry.of(e)));
                }
                assertThat(redis.sync().xpending(key, "g").getCount()).isEqualTo(9_000);

                consumer.ackAndDelete(ids, Duration.ofSeconds(10));

                assertThat(redis.sync().xlen(key))
                        .as("entries left in the stream")
                        .isZero();
                assertThat(redis.sync().xpending(key, "g").getCount())
                        .as("entries left pending")
                        .isZero();
            }
            redis.sync().del(key);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void a_packed_batch_reads_as_its_events_and_leaves_no_backlog_once_acknowledged_even_twice() throws Exception {
        String key = "consumer_packed_" + ProcessHandle.current().pid();
        RedisClient client = RedisClient.create(TestStores.shared().redis().uri());
        try (StatefulRedisConnection<String, String> redis = client.connect();
                StreamAppender appender =
                        new StreamAppender(client, key, 1000, Duration.ofSeconds(10), Duration.ofMinutes(1))) {
            redis.sync().del(key, StreamFields.extraEventsKey(key));
            StreamConsumer.ensureGroup(redis.sync(), key, "g");
            appender.start();
            List<byte[]> batch = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                batch.add(("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8));
            }
            appender.append(batch, 7L).get(30, TimeUnit.SECONDS);
            appender.append(List.of("{\"single\":1}".getBytes(StandardCharsets.UTF_8)), 8L)
                    .get(30, TimeUnit.SECONDS);
            assertThat(StreamBacklog.events(redis.sync(), key)).isEqualTo(41);

            try (StreamConsumer consumer = new StreamConsumer(client, key, "g", "c1")) {
                List<StreamEntry> events = consumer.readNew(10, Duration.ofMillis(100));

                assertThat(events).hasSize(41);
                assertThat(events)
                        .extracting(e -> new String(e.event(), StandardCharsets.UTF_8))
                        .startsWith("{\"i\":0}", "{\"i\":1}")
                        .endsWith("{\"i\":39}", "{\"single\":1}");
                StreamEntry first = events.get(0);
                assertThat(first.key()).isEqualTo(first.id() + "#0");
                assertThat(events.get(39).key()).isEqualTo(events.get(39).id() + "#7");
                assertThat(events.get(40).key()).isEqualTo(events.get(40).id());
                assertThat(events).extracting(StreamEntry::key).doesNotHaveDuplicates();
                assertThat(events)
                        .extracting(StreamEntry::entryEvents)
                        .startsWith(32)
                        .endsWith(8, 1);
                assertThat(events).extracting(StreamEntry::receivedAtMicros).containsOnly(7L, 8L);

                List<FinishedEntry> entries =
                        events.stream().map(FinishedEntry::of).distinct().toList();
                assertThat(entries).hasSize(3);
                consumer.ackAndDelete(entries, Duration.ofSeconds(10));
                // a retry after a lost reply must not take the packed entries' events off twice
                consumer.ackAndDelete(entries, Duration.ofSeconds(10));

                assertThat(redis.sync().xlen(key)).as("entries left").isZero();
                assertThat(redis.sync().get(StreamFields.extraEventsKey(key)))
                        .as("extra events left on the counter")
                        .isEqualTo("0");
                assertThat(StreamBacklog.events(redis.sync(), key)).isZero();
                assertThat(redis.sync().exists(StreamFields.extraEventsKey(key)))
                        .as("an empty stream drops the counter")
                        .isZero();
            }
            redis.sync().del(key);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void a_packed_entry_whose_events_do_not_match_its_ids_is_one_malformed_event() {
        String key = "consumer_malformed_" + ProcessHandle.current().pid();
        RedisClient client = RedisClient.create(TestStores.shared().redis().uri());
        try (StatefulRedisConnection<String, byte[]> raw = client.connect(StreamFields.CODEC)) {
            raw.sync().del(key);
            StreamConsumer.ensureGroup(raw.sync(), key, "g");
            String id = raw.sync()
                    .xadd(
                            key,
                            Map.of(
                                    StreamFields.EVENT_IDS, new byte[48],
                                    StreamFields.EVENTS, PackedEvents.pack(List.of(new byte[] {'1'}), 0, 1),
                                    StreamFields.RECEIVED_AT, "5".getBytes(StandardCharsets.US_ASCII)));
            try (StreamConsumer consumer = new StreamConsumer(client, key, "g", "c1")) {
                List<StreamEntry> events = consumer.readNew(10, Duration.ofMillis(100));

                assertThat(events).singleElement().satisfies(e -> {
                    assertThat(e.key()).isEqualTo(id);
                    assertThat(e.event()).isEmpty();
                    assertThat(e.entryEvents())
                            .as("what the adding script counted from the ids")
                            .isEqualTo(3);
                });
            }
            raw.sync().del(key);
        } finally {
            client.shutdown();
        }
    }
}
