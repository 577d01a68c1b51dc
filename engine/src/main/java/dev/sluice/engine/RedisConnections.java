package dev.sluice.engine;

import dev.sluice.engine.stream.RedisLink;
import dev.sluice.engine.stream.RedisLinks;
import dev.sluice.stores.RedisEndpoint;
import dev.sluice.stores.StoreUrls;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;

/**
 * The engine's one Lettuce client (Lettuce calls a client expensive: one per process), a
 * {@link RedisClient} or, for a {@code redis-cluster://} URL, a {@link RedisClusterClient}, and its
 * control connection, used for setup and the store sampler. The appender, workers and gauge open
 * their own connections from {@link #links()}.
 *
 * <p>Concurrency: thread-safe, as Lettuce is; {@link #close} once, after every user stopped.
 */
final class RedisConnections implements AutoCloseable {
    private final AbstractRedisClient client;
    private final RedisLinks links;
    private final RedisLink<String, String> control;

    private RedisConnections(AbstractRedisClient client, RedisLinks links, RedisLink<String, String> control) {
        this.client = client;
        this.links = links;
        this.control = control;
    }

    /**
     * Connects and pings. Blocks up to the 5 s connect timeout.
     *
     * @param storeTimeout how long any command may take before it fails (the API answers 503)
     * @throws EngineStartException Redis does not answer
     */
    static RedisConnections open(RedisEndpoint endpoint, Duration storeTimeout) {
        AbstractRedisClient client;
        RedisLinks links;
        if (StoreUrls.isRedisCluster(endpoint.uri())) {
            RedisClusterClient cluster = RedisClusterClient.create(StoreUrls.redisNodes(endpoint.uri()));
            cluster.setOptions(both(ClusterClientOptions.builder(), storeTimeout)
                    // a master that restarts or fails over must be found again without a restart of the engine
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enablePeriodicRefresh(Duration.ofSeconds(10))
                            .enableAllAdaptiveRefreshTriggers()
                            .build())
                    .build());
            client = cluster;
            links = RedisLinks.of(cluster);
        } else {
            // parsed as the start probe parsed it (an IPv6 host without its brackets, verifyPeer checked)
            RedisClient single = RedisClient.create(StoreUrls.redis(endpoint.uri()));
            single.setOptions(both(ClientOptions.builder(), storeTimeout).build());
            client = single;
            links = RedisLinks.of(single);
        }
        try {
            RedisLink<String, String> control = links.connect(StringCodec.UTF8);
            control.sync().ping();
            return new RedisConnections(client, links, control);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw new EngineStartException(
                    "Redis at " + endpoint.displayUrl() + " is unreachable: " + DefaultEngine.rootMessage(e), e);
        }
    }

    /** The options of either client: {@code builder}, set up and returned for its own options to follow. */
    private static <B extends ClientOptions.Builder> B both(B builder, Duration storeTimeout) {
        builder.autoReconnect(true)
                // while Redis is away, fail commands at once (503) instead of queueing them unbounded
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(storeTimeout));
        return builder;
    }

    /** Opens the connections of the producer, the workers and the gauges, to one Redis or a cluster. */
    RedisLinks links() {
        return links;
    }

    /** The shared control connection (synchronous setup calls, INFO and XINFO samples). */
    RedisLink<String, String> control() {
        return control;
    }

    @Override
    public void close() {
        control.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
