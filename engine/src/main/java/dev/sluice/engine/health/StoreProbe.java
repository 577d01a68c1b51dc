package dev.sluice.engine.health;

import dev.sluice.engine.EngineStartException;
import dev.sluice.stores.Causes;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.stores.RedisAdmin;
import dev.sluice.stores.RedisEndpoint;
import dev.sluice.stores.RedisSettings;
import dev.sluice.stores.StoreUrls;
import dev.sluice.stores.Stores;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails fast, before anything else starts, when a store is unreachable or too old: PostgreSQL
 * 13+ and Redis 6.2+ (the stream consumers need {@code XAUTOCLAIM}). Opens one PostgreSQL
 * connection and one Redis connection (its own Lettuce client), and closes both.
 */
public final class StoreProbe {
    private static final Logger log = LoggerFactory.getLogger(StoreProbe.class);
    /**
     * pgjdbc reports a certificate that does not match the host at SEVERE through
     * java.util.logging, whose default handler prints it on stderr beside the one line the
     * failure becomes here (and would draw over the terminal console). Held in a field: JUL
     * keeps loggers weakly and would forget the level.
     */
    private static final java.util.logging.Logger PGJDBC_HOSTNAME_CHECK =
            quiet("org.postgresql.ssl.PGjdbcHostnameVerifier");
    /** Connect and login limit for each store. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    static final int MIN_PG_VERSION_NUM = 130000;
    static final int MIN_REDIS_MAJOR = 6;
    static final int MIN_REDIS_MINOR = 2;

    private StoreProbe() {}

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(Level.OFF);
        return logger;
    }

    /**
     * Checks PostgreSQL, then Redis. Blocks for at most about 5 s per store (plus DNS). Has no
     * side effects; safe to call again.
     *
     * @throws EngineStartException one line: which store, its URL (password masked), what is wrong
     */
    public static void verify(Stores stores) {
        verify(stores, RedisSettings.defaults());
    }

    /**
     * As {@link #verify(Stores)}, and checks Redis' eviction policy and persistence (see
     * {@link RedisPolicyCheck}): an {@code allkeys-*} policy refuses to start unless
     * {@code settings.allowEviction()}; no AOF is a WARN line.
     */
    public static void verify(Stores stores, RedisSettings settings) {
        verifyPostgres(stores.postgres());
        verifyRedis(stores.redis(), settings);
    }

    static void verifyPostgres(PostgresEndpoint pg) {
        String where = "PostgreSQL at " + pg.displayUrl();
        try (Connection c = pg.connect(TIMEOUT, TIMEOUT.multipliedBy(2), "sluice-start-check");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT current_setting('server_version_num')::int, current_setting('server_version')")) {
            rs.next();
            if (rs.getInt(1) < MIN_PG_VERSION_NUM) {
                throw new EngineStartException(
                        where + " is version " + rs.getString(2) + "; Sluice needs PostgreSQL 13 or newer");
            }
            log.debug("stores - {} is version {}", where, rs.getString(2));
        } catch (SQLException e) {
            throw new EngineStartException(where + postgresProblem(e, pg), e);
        }
    }

    static void verifyRedis(RedisEndpoint redis) {
        verifyRedis(redis, RedisSettings.defaults());
    }

    static void verifyRedis(RedisEndpoint redis, RedisSettings settings) {
        List<RedisURI> nodes;
        try {
            nodes = StoreUrls.redisNodes(redis.uri());
        } catch (IllegalArgumentException e) {
            throw new EngineStartException("invalid Redis URL '" + redis.displayUrl() + "': " + e.getMessage());
        }
        boolean cluster = StoreUrls.isRedisCluster(redis.uri());
        for (RedisURI uri : nodes) {
            String where = "Redis at "
                    + (cluster
                            ? uri.getHost() + ":" + uri.getPort() + " (of " + redis.displayUrl() + ")"
                            : redis.displayUrl());
            verifyRedisNode(uri, where, cluster, settings);
        }
    }

    /** One Redis server: answers, logs in, is 6.2 or newer, is (or is not) a cluster node as the URL says, has a sound policy. */
    private static void verifyRedisNode(RedisURI uri, String where, boolean cluster, RedisSettings settings) {
        String version;
        // the connect logs in (AUTH) and selects the URL's database
        try (RedisAdmin admin = RedisAdmin.create(TIMEOUT);
                RedisAdmin.Session r = admin.connect(uri)) {
            r.ping();
            version = r.info("server", "redis_version");
            boolean clusterNode = "1".equals(r.info("cluster", "cluster_enabled"));
            if (clusterNode != cluster) {
                throw new EngineStartException(
                        cluster
                                ? where + " is not a Redis Cluster node (cluster_enabled is 0); give it as redis://"
                                : where + " is a Redis Cluster node; give the cluster as"
                                        + " redis-cluster://host:port[,host:port...]");
            }
            RedisPolicyCheck.check(r, where, settings);
        } catch (RedisException e) {
            throw new EngineStartException(where + redisProblem(e, uri), e);
        }
        if (version == null) {
            log.warn("stores - {} does not report its version; assuming 6.2 or newer", where);
        } else if (!atLeast(version, MIN_REDIS_MAJOR, MIN_REDIS_MINOR)) {
            throw new EngineStartException(
                    where + " is version " + version + "; Sluice needs Redis 6.2 or newer (XAUTOCLAIM)");
        }
    }

    /** The error reply (NOAUTH, WRONGPASS, ...) behind a failed connect or command, or null when Redis did not answer. */
    private static RedisCommandExecutionException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RedisCommandExecutionException refused) {
                return refused;
            }
        }
        return null;
    }

    /** True if a dotted version such as "6.2.6" or "7.4" is at least major.minor. */
    static boolean atLeast(String version, int major, int minor) {
        String[] parts = version.trim().split("\\.");
        try {
            int ma = Integer.parseInt(parts[0]);
            int mi = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
            return ma > major || (ma == major && mi >= minor);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /**
     * What follows "PostgreSQL at URL" when the connect failed: the login refused, no such
     * database, the connection refused (pgjdbc's 08004: TLS the server does not offer, a password
     * it wants and the URL lacks), TLS that could not be set up when the URL asks for it, or the
     * server not reached. The reason is PostgreSQL's or pgjdbc's, in one line.
     */
    static String postgresProblem(SQLException e, PostgresEndpoint pg) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28")) {
            return " rejected the login: " + Causes.describe(e);
        }
        if (state.equals("3D000")) {
            return " has no such database: " + Causes.describe(e);
        }
        if (state.equals("08004")) {
            return " refused the connection: " + Causes.describe(e);
        }
        String sslMode = sslMode(pg.jdbcUrl());
        if (!notReached(e) && List.of("require", "verify-ca", "verify-full").contains(sslMode)) {
            // a certificate file pgjdbc could not read: its own message says which one it wanted
            String reason = Causes.root(e) instanceof FileNotFoundException
                    ? Causes.oneLine(String.valueOf(innermostSqlException(e).getMessage()))
                    : Causes.describe(e);
            return " could not set up TLS (sslmode=" + sslMode + "): " + reason;
        }
        return " is unreachable: " + Causes.describe(e);
    }

    /**
     * What follows "Redis at URL" when the connect or a check failed: the login refused (naming
     * the ACL user, {@code default} when the URL gives a password alone), another refusal, TLS
     * that could not be set up for {@code rediss://}, or the server not reached.
     */
    static String redisProblem(RedisException e, RedisURI uri) {
        RedisCommandExecutionException refused = refusal(e);
        if (refused != null) {
            String reply = Causes.oneLine(String.valueOf(refused.getMessage()));
            if (reply.startsWith("WRONGPASS") || reply.startsWith("NOAUTH")) {
                String user = uri.getUsername() == null ? "default" : uri.getUsername();
                return " rejected the login of user " + user
                        + (uri.getPassword() == null ? " (the URL has no password)" : "") + ": " + reply;
            }
            return " refused Sluice: " + reply;
        }
        if (uri.isSsl() && !notReached(e)) {
            return " could not set up TLS: " + Causes.describe(e);
        }
        return " is unreachable: " + Causes.describe(e);
    }

    /** No connection was made at all: the name did not resolve, or nothing answered at the address. */
    private static boolean notReached(Throwable e) {
        Throwable root = Causes.root(e);
        return root instanceof ConnectException
                || root instanceof UnknownHostException
                || root instanceof NoRouteToHostException
                || root instanceof SocketTimeoutException;
    }

    /** The {@code sslmode} a pgjdbc URL asks for, or null when it names none. */
    static String sslMode(String jdbcUrl) {
        int q = jdbcUrl.indexOf('?');
        if (q >= 0) {
            for (String param : jdbcUrl.substring(q + 1).split("&")) {
                if (param.startsWith("sslmode=")) {
                    return param.substring("sslmode=".length());
                }
            }
        }
        return null;
    }

    private static SQLException innermostSqlException(SQLException e) {
        SQLException last = e;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                last = sql;
            }
        }
        return last;
    }
}
