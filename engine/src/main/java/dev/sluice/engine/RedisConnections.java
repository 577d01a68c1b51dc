package dev.sluice.engine;

import dev.sluice.stores.RedisEndpoint;
import dev.sluice.stores.StoreUrls;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;

/**
 * The engine's one Lettuce {@link RedisClient} (Lettuce calls a client expensive: one per
 * process) and its control connection, used for setup and the store sampler. The appender,
 * workers and gauge open their own connections from {@link #client()}.
 *
 * <p>Concurrency: thread-safe, as Lettuce is; {@link #close} once, after every user stopped.
 */
final class RedisConnections implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> control;

    private RedisConnections(RedisClient client, StatefulRedisConnection<String, String> control) {
        this.client = client;
        this.control = control;
    }

    /**
     * Connects and pings. Blocks up to the 5 s connect timeout.
     *
     * @param storeTimeout how long any command may take before it fails (the API answers 503)
     * @throws EngineStartException Redis does not answer
     */
    static RedisConnections open(RedisEndpoint endpoint, Duration storeTimeout) {
        // parsed as the start probe parsed it (an IPv6 host without its brackets, verifyPeer checked)
        RedisClient client = RedisClient.create(StoreUrls.redis(endpoint.uri()));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // while Redis is away, fail commands at once (503) instead of queueing them unbounded
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(storeTimeout))
                .build());
        try {
            StatefulRedisConnection<String, String> control = client.connect();
            control.sync().ping();
            return new RedisConnections(client, control);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw new EngineStartException(
                    "Redis at " + endpoint.displayUrl() + " is unreachable: " + DefaultEngine.rootMessage(e), e);
        }
    }

    RedisClient client() {
        return client;
    }

    /** The shared control connection (synchronous setup calls, INFO and XINFO samples). */
    StatefulRedisConnection<String, String> control() {
        return control;
    }

    @Override
    public void close() {
        control.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
