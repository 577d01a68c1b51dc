package dev.sluice.engine;

import dev.sluice.engine.cli.EngineOptions;
import dev.sluice.engine.cluster.NodeIdentity;
import dev.sluice.engine.health.StoreProbe;
import dev.sluice.stores.EmbeddedStores;
import dev.sluice.stores.ExternalStores;
import dev.sluice.stores.StoreStartException;
import dev.sluice.stores.Stores;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running engine together with the stores it was started on: what {@code sluice engine} and
 * the consoles start when they are not attached to a remote engine. Closing drains the engine
 * first, then stops embedded stores.
 */
public final class LocalStack implements AutoCloseable {
    private final Stores stores;
    private final Engine engine;
    private final String nodeId;
    private final String nodeIdFrom;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalStack(Stores stores, Engine engine, String nodeId, String nodeIdFrom) {
        this.stores = stores;
        this.engine = engine;
        this.nodeId = nodeId;
        this.nodeIdFrom = nodeIdFrom;
    }

    /**
     * Starts stores and engine; blocks until the API answers. Throws {@link EngineStartException}
     * with one line. A JVM shutdown meanwhile (a signal) ends the start and stops the stores
     * ({@link ShutdownDuringStart}).
     */
    public static LocalStack start(EngineOptions given) {
        EngineOptions options = given.nodeId() != null ? given : given.withNodeId(nodeIdInDataDir(given));
        int port = options.config().api().port();
        if (port != 0) {
            requireFreePort(options.config().api().host(), port);
        }
        ShutdownDuringStart shutdown = ShutdownDuringStart.install(options.drain());
        try {
            Stores stores = openStores(options);
            try {
                shutdown.check();
                StoreProbe.verify(stores, options.redis());
                Engine engine = Engines.create(options.config(), stores);
                shutdown.watch(engine);
                engine.start();
                LocalStack stack = new LocalStack(
                        stores,
                        engine,
                        options.nodeId(),
                        given.nodeId() != null
                                ? "--node-id"
                                : NodeIdentity.file(options.dataDir()).toString());
                shutdown.started(stack);
                return stack;
            } catch (RuntimeException e) {
                stores.close();
                throw e;
            }
        } finally {
            shutdown.ended();
        }
    }

    /** Starts the embedded stores or parses the external stores' URLs; a refusal is one line, as every other. */
    private static Stores openStores(EngineOptions options) {
        try {
            return options.embedded()
                    ? EmbeddedStores.start(options.dataDir(), options.redis())
                    : ExternalStores.of(options.pgUrl(), options.redisUrl());
        } catch (StoreStartException e) {
            throw new EngineStartException(e.getMessage(), e);
        }
    }

    public Engine engine() {
        return engine;
    }

    public Stores stores() {
        return stores;
    }

    /** This engine node's identity: its consumers are {@code <id>-w<N>}. */
    public String nodeId() {
        return nodeId;
    }

    /** Where the identity came from: {@code --node-id}, or the file in the data directory that keeps it. */
    public String nodeIdFrom() {
        return nodeIdFrom;
    }

    /** Drains the engine for up to {@code drain}, then stops embedded stores. Idempotent. */
    public void close(Duration drain) {
        if (closed.compareAndSet(false, true)) {
            try {
                engine.stop(drain);
            } finally {
                stores.close();
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    private static String nodeIdInDataDir(EngineOptions options) {
        try {
            return NodeIdentity.inDataDir(options.dataDir());
        } catch (IllegalStateException e) {
            throw new EngineStartException(e.getMessage());
        }
    }

    /** Checked before the stores start, so a taken port costs a second, not a database boot. */
    private static void requireFreePort(String host, int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new EngineStartException("port " + port + " on " + host + " is in use; choose another with --port");
        }
    }
}
