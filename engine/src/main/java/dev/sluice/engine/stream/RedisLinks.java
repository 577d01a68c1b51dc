package dev.sluice.engine.stream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.RedisCodec;

/**
 * Opens {@link RedisLink}s: the one thing the stream's producer, workers and gauges need of a
 * Lettuce client, whether it is a {@link RedisClient} or a {@link RedisClusterClient}.
 *
 * <p>Concurrency: thread-safe, as Lettuce's clients are.
 */
public interface RedisLinks {
    /** A new connection with {@code codec}. Blocks until connected; throws if Redis is unreachable. */
    <K, V> RedisLink<K, V> connect(RedisCodec<K, V> codec);

    static RedisLinks of(RedisClient client) {
        return new RedisLinks() {
            @Override
            public <K, V> RedisLink<K, V> connect(RedisCodec<K, V> codec) {
                StatefulRedisConnection<K, V> c = client.connect(codec);
                return new RedisLink<>(c, c.sync(), c.async());
            }
        };
    }

    static RedisLinks of(RedisClusterClient client) {
        return new RedisLinks() {
            @Override
            public <K, V> RedisLink<K, V> connect(RedisCodec<K, V> codec) {
                StatefulRedisClusterConnection<K, V> c = client.connect(codec);
                return new RedisLink<>(c, c.sync(), c.async());
            }
        };
    }
}
