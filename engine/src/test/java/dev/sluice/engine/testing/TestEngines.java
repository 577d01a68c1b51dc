package dev.sluice.engine.testing;

import dev.sluice.engine.Engine;
import dev.sluice.engine.Engines;
import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.config.EngineConfig.ApiConfig;
import dev.sluice.engine.config.EngineConfig.StreamConfig;
import dev.sluice.stores.Stores;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Engine configs for tests: a free port, a stream key of the test's own, quick reclaim. */
public final class TestEngines {
    private TestEngines() {}

    /** Without the JIT warm-up: a test wants its engine in seconds ({@code IngestWarmUpIT} covers it). */
    public static EngineConfig config(String streamKey) {
        EngineConfig d = EngineConfig.defaults();
        return d.withApi(ApiConfig.defaults().withPort(0).withWarmUp(Duration.ZERO))
                .withStream(new StreamConfig(streamKey, "log_consumers", streamKey, Duration.ofSeconds(1), 5))
                .withControl(d.control().withTick(Duration.ofMillis(200)));
    }

    public static Engine started(EngineConfig config, Stores stores) {
        Engine engine = Engines.create(config, stores);
        engine.start();
        return engine;
    }

    private static final Map<String, RedisClient> CLIENTS = new ConcurrentHashMap<>();

    /** A string-codec Redis connection for inspecting the stream as redis-cli would. Close it after use. */
    public static StatefulRedisConnection<String, String> redis(Stores stores) {
        return CLIENTS.computeIfAbsent(stores.redis().uri(), RedisClient::create)
                .connect();
    }
}
