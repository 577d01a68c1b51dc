package dev.sluice.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.TestStores;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
                List<String> ids = new ArrayList<>();
                while (ids.size() < 9_000) {
                    consumer.readNew(10_000, Duration.ofMillis(100)).forEach(e -> ids.add(e.id()));
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
}
