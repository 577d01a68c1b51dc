package dev.sluice.stores;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolVersion;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocking admin commands (PING, INFO, CONFIG GET, SHUTDOWN) over Lettuce, for the store code and
 * the engine's start check and health probe. One instance is one {@link RedisClient} (its event
 * loop starts with the first connection): make one per task and open its {@link Session}s from it.
 *
 * <p>Every connect, login and reply gives up after the timeout given to {@link #create}. The
 * client never reconnects or queues commands on its own: a probe that failed should say so, and a
 * SHUTDOWN must not be re-sent to a server that came back. It speaks RESP2, so a server too old
 * for {@code HELLO} still answers (and gets to say which version it is).
 *
 * <p>Concurrency: thread-safe; a {@link Session} is for one caller at a time, except that
 * {@link Session#close} from another thread fails a command in flight.
 */
public final class RedisAdmin implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisAdmin.class);
    private final RedisClient client;
    private final Duration timeout;

    private RedisAdmin(RedisClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /** A client whose connects, logins and commands each give up after {@code timeout}. Does not connect. */
    public static RedisAdmin create(Duration timeout) {
        RedisClient client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .protocolVersion(ProtocolVersion.RESP2)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        return new RedisAdmin(client, timeout);
    }

    /**
     * Connects, logs in (AUTH) when {@code uri} has a password, and selects its database.
     *
     * @throws io.lettuce.core.RedisException unreachable, or the server refused the login
     *                                        (a {@link RedisCommandExecutionException} in the causes)
     */
    public Session connect(RedisURI uri) {
        RedisURI bounded = RedisURI.builder(uri).withTimeout(timeout).build();
        return new Session(client.connect(StringCodec.UTF8, bounded));
    }

    /** Connects to a server on this machine's loopback, without login. */
    public Session connectLocal(int port) {
        return connect(RedisURI.create("127.0.0.1", port));
    }

    /**
     * Shuts the client down; its sessions close with it. Idempotent, and never throws: it is
     * called from threads being stopped, whose interrupt would otherwise abort Lettuce's wait
     * for its own shutdown (the interrupt is kept for the caller).
     */
    @Override
    public void close() {
        boolean interrupted = Thread.interrupted();
        try {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            log.debug("redis admin client - shutdown: {}", e.toString());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One connection. */
    public static final class Session implements AutoCloseable {
        private final StatefulRedisConnection<String, String> connection;
        private final RedisCommands<String, String> sync;

        private Session(StatefulRedisConnection<String, String> connection) {
            this.connection = connection;
            this.sync = connection.sync();
        }

        /** PING's answer ("PONG"); an error reply (NOAUTH, LOADING) throws {@link RedisCommandExecutionException}. */
        public String ping() {
            return sync.ping();
        }

        /** One field of INFO output, e.g. {@code info("server", "redis_version")}; null when absent. */
        public String info(String section, String field) {
            String text = sync.info(section);
            if (text == null) {
                return null;
            }
            for (String l : text.split("\r\n")) {
                if (l.startsWith(field + ":")) {
                    return l.substring(field.length() + 1).trim();
                }
            }
            return null;
        }

        /** The value of one CONFIG parameter, or null. */
        public String config(String name) {
            Map<String, String> kv = sync.configGet(name);
            return kv.get(name);
        }

        /**
         * Sends a plain SHUTDOWN: Redis saves as configured, fsyncs the AOF and closes the
         * connection without a reply. True when the connection closed or went silent (accepted).
         *
         * @throws RedisCommandExecutionException Redis answered with an error (it keeps running)
         */
        public boolean shutdown() {
            try {
                // plain, as redis-cli sends it: Lettuce's shutdown(save) would add SAVE or NOSAVE
                sync.dispatch(
                        CommandType.SHUTDOWN,
                        new StatusOutput<>(StringCodec.UTF8),
                        new CommandArgs<>(StringCodec.UTF8));
                return false; // a server that answers at all did not shut down
            } catch (RedisCommandExecutionException refused) {
                throw refused;
            } catch (RuntimeException closed) {
                return true;
            }
        }

        @Override
        public void close() {
            connection.close();
        }
    }
}
