package dev.sluice.engine.health;

import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.stores.RedisAdmin;
import dev.sluice.stores.RedisEndpoint;
import dev.sluice.stores.StoreUrls;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * The health probes of both stores. Each keeps one connection open between checks (a probe a
 * few times a second should not log in each time) and reopens it after a failure; every
 * connect and read gives up after {@link #TIMEOUT}. The Redis probe has a Lettuce client of its
 * own, apart from the engine's: its 1 s limits must not become the data path's, and a probe
 * must not reconnect behind the monitor's back.
 */
public final class StoreChecks {
    /** Connect, login and read limit of one probe. */
    public static final Duration TIMEOUT = Duration.ofSeconds(1);

    private StoreChecks() {}

    public static StoreCheck postgres(PostgresEndpoint pg) {
        return new PostgresCheck(pg);
    }

    /** Pings the Redis server; for a Redis Cluster, every seed node of the URL (a master away is Redis down). */
    public static StoreCheck redis(RedisEndpoint redis) {
        List<RedisURI> nodes = StoreUrls.redisNodes(redis.uri());
        if (nodes.size() == 1) {
            return new RedisCheck(nodes.get(0));
        }
        List<RedisCheck> checks = nodes.stream().map(RedisCheck::new).toList();
        return new StoreCheck() {
            @Override
            public String name() {
                return "redis";
            }

            @Override
            public void check() throws Exception {
                for (RedisCheck c : checks) {
                    try {
                        c.check();
                    } catch (Exception e) {
                        throw new IOException(c.uri.getHost() + ":" + c.uri.getPort() + ": " + e.getMessage(), e);
                    }
                }
            }

            @Override
            public void close() {
                checks.forEach(RedisCheck::close);
            }
        };
    }

    private static final class PostgresCheck implements StoreCheck {
        private final PostgresEndpoint pg;
        private volatile Connection connection;

        PostgresCheck(PostgresEndpoint pg) {
            this.pg = pg;
        }

        @Override
        public String name() {
            return "postgres";
        }

        @Override
        public void check() throws SQLException {
            Connection c = connection;
            if (c == null) {
                c = pg.connect(TIMEOUT, TIMEOUT, "sluice-health"); // the read timeout bounds a stopped server
                connection = c;
            }
            try (Statement st = c.createStatement()) {
                st.setQueryTimeout((int) TIMEOUT.toSeconds());
                st.execute("SELECT 1");
            } catch (SQLException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            Connection c = connection;
            connection = null;
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // the connection is broken already; nothing to release
                }
            }
        }
    }

    /** PING on a connection of its own Lettuce client, kept between checks and reopened after a failure. */
    private static final class RedisCheck implements StoreCheck {
        private final RedisURI uri;
        private RedisAdmin admin;
        private volatile RedisAdmin.Session session;

        RedisCheck(RedisURI uri) {
            this.uri = uri;
        }

        @Override
        public String name() {
            return "redis";
        }

        @Override
        public void check() throws IOException {
            RedisAdmin.Session s = session;
            try {
                if (s == null) {
                    s = admin().connect(uri);
                    session = s;
                }
                String pong = s.ping();
                if (!"PONG".equals(pong)) {
                    throw new IOException("PING answered " + pong);
                }
            } catch (IOException | RuntimeException e) {
                dropSession();
                throw e;
            }
        }

        private synchronized RedisAdmin admin() {
            if (admin == null) {
                admin = RedisAdmin.create(TIMEOUT);
            }
            return admin;
        }

        private void dropSession() {
            RedisAdmin.Session s = session;
            session = null;
            if (s != null) {
                s.close();
            }
        }

        /** Drops the connection (a check blocked on it fails) and shuts the client down; a later check starts a new one. */
        @Override
        public void close() {
            dropSession();
            RedisAdmin a;
            synchronized (this) {
                a = admin;
                admin = null;
            }
            if (a != null) {
                a.close();
            }
        }
    }
}
