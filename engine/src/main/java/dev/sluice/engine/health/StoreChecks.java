package dev.sluice.engine.health;

import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.stores.RedisEndpoint;
import dev.sluice.stores.Resp;
import dev.sluice.stores.StoreUrls;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The health probes of both stores. Each keeps one connection open between checks (a probe a
 * few times a second should not log in each time) and reopens it after a failure; every
 * connect and read gives up after {@link #TIMEOUT}.
 */
public final class StoreChecks {
    /** Connect, login and read limit of one probe. */
    public static final Duration TIMEOUT = Duration.ofSeconds(1);

    private StoreChecks() {
    }

    public static StoreCheck postgres(PostgresEndpoint pg) {
        return new PostgresCheck(pg);
    }

    public static StoreCheck redis(RedisEndpoint redis) {
        return new RedisCheck(StoreUrls.redis(redis.uri()));
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

    private static final class RedisCheck implements StoreCheck {
        private final StoreUrls.RedisAddress a;
        private volatile Resp resp;

        RedisCheck(StoreUrls.RedisAddress a) {
            this.a = a;
        }

        @Override
        public String name() {
            return "redis";
        }

        @Override
        public void check() throws IOException {
            Resp r = resp;
            try {
                if (r == null) {
                    r = Resp.connect(a, TIMEOUT);
                    resp = r;
                }
                Object pong = r.call("PING");
                if (!"PONG".equals(pong)) {
                    throw new IOException("PING answered " + pong);
                }
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            Resp r = resp;
            resp = null;
            if (r != null) {
                r.close();
            }
        }
    }
}
