package dev.sluice.testing;

import dev.sluice.stores.EmbeddedStores;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.stores.RedisEndpoint;
import dev.sluice.stores.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL and Redis per test JVM, started on first use and stopped at exit.
 * Each test gets its own database (and should use its own stream key), so tests never see each
 * other's rows.
 */
public final class TestStores {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static EmbeddedStores shared;

    private TestStores() {}

    /** The shared stores themselves. */
    public static synchronized EmbeddedStores shared() {
        if (shared == null) {
            try {
                Path dir = Path.of("target", "it-stores").toAbsolutePath();
                Files.createDirectories(dir);
                shared = EmbeddedStores.start(dir);
                // the directory is reused between runs: start every run from an empty Redis
                io.lettuce.core.RedisClient client =
                        io.lettuce.core.RedisClient.create(shared.redis().uri());
                try (var redis = client.connect()) {
                    redis.sync().flushall();
                } finally {
                    client.shutdown();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedStores s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "test-stores-stop"));
        }
        return shared;
    }

    /** A view of the shared stores with a brand-new, empty database; closing it leaves the servers running. */
    public static Stores freshDatabase(String hint) {
        EmbeddedStores s = shared();
        String db = "t_" + hint.toLowerCase().replaceAll("[^a-z0-9]", "_") + "_"
                + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
        PostgresEndpoint base = s.postgres();
        try (Connection c = DriverManager.getConnection(base.jdbcUrl(), base.user(), base.password());
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + db);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + db, e);
        }
        String url = base.jdbcUrl().substring(0, base.jdbcUrl().lastIndexOf('/') + 1) + db;
        PostgresEndpoint pg = new PostgresEndpoint(url, base.user(), base.password(), base.kind());
        return view(pg, s.redis());
    }

    /** {@code base}'s PostgreSQL with the Redis at {@code redisUrl} (a cluster's, another database); closing it stops nothing. */
    public static Stores withRedisUrl(Stores base, String redisUrl, String kind) {
        return view(base.postgres(), new RedisEndpoint(redisUrl, kind));
    }

    /** {@code base}'s PostgreSQL with a Redis the test runs itself on {@code redisPort}; closing it stops nothing. */
    public static Stores withRedis(Stores base, int redisPort, String kind) {
        return view(base.postgres(), new RedisEndpoint("redis://127.0.0.1:" + redisPort, kind));
    }

    /**
     * The engine flags ({@code --pg-url}, {@code --redis-url}) that point an engine started the way
     * a user starts one at {@code stores}: a console IT runs its stack on the module's shared
     * stores instead of booting PostgreSQL of its own. Without the JIT warm-up ({@code --warm-up
     * 0s}): a test wants its engine in seconds, and its own test covers the warm-up.
     */
    public static List<String> engineFlags(Stores stores) {
        PostgresEndpoint pg = stores.postgres();
        String hostAndDb = pg.jdbcUrl().substring("jdbc:postgresql://".length());
        String password = pg.password() == null || pg.password().isEmpty() ? "" : ":" + pg.password();
        return List.of(
                "--pg-url",
                "postgresql://" + pg.user() + password + "@" + hostAndDb,
                "--redis-url",
                stores.redis().uri(),
                "--warm-up",
                "0s",
                // the node id is kept there: in the build's output, not beside the sources
                "--data-dir",
                Path.of("target", "engine-node").toAbsolutePath().toString());
    }

    private static Stores view(PostgresEndpoint pg, RedisEndpoint redis) {
        return new Stores() {
            @Override
            public PostgresEndpoint postgres() {
                return pg;
            }

            @Override
            public RedisEndpoint redis() {
                return redis;
            }

            @Override
            public void close() {
                // the servers belong to whoever started them
            }
        };
    }
}
