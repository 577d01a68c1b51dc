package dev.sluice.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.stores.PostgresEndpoint;
import java.sql.SQLException;

/**
 * The engine's HikariCP pool on PostgreSQL, with the schema migrated by Flyway before anyone
 * borrows a connection.
 *
 * <p>Concurrency: the pool is thread-safe; {@link #close} once, after every user stopped.
 */
final class PostgresPool implements AutoCloseable {
    private final HikariDataSource pool;

    private PostgresPool(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * Opens the pool, migrates the schema and checks the user's privileges ({@link SchemaMigration}).
     * Blocks up to 5 s for the first connection, then for the migration.
     *
     * @throws EngineStartException PostgreSQL is unreachable, refuses the migration, or the user
     *                              lacks a privilege the engine needs
     */
    static PostgresPool open(PostgresEndpoint endpoint, int poolSize) {
        return open(endpoint, poolSize, "sluice-pg", true);
    }

    /**
     * A further pool on a database {@link #open(PostgresEndpoint, int)} has migrated: the queue
     * and items requests borrow from their own, so they never wait behind the stream workers'
     * flushes (or make the workers wait).
     */
    static PostgresPool openMore(PostgresEndpoint endpoint, int poolSize, String name) {
        return open(endpoint, poolSize, name, false);
    }

    private static PostgresPool open(PostgresEndpoint endpoint, int poolSize, String name, boolean migrate) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(name);
        hc.setJdbcUrl(endpoint.jdbcUrl());
        hc.setUsername(endpoint.user());
        hc.setPassword(endpoint.password());
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(Math.min(2, poolSize));
        hc.setConnectionTimeout(5_000);
        hc.setInitializationFailTimeout(5_000);
        HikariDataSource pool = null;
        try {
            pool = new HikariDataSource(hc);
            if (migrate) {
                SchemaMigration.migrate(pool, endpoint);
            }
            return new PostgresPool(pool);
        } catch (SQLException | RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            if (e instanceof EngineStartException start) {
                throw start; // says already what is missing and where
            }
            throw new EngineStartException(
                    "PostgreSQL at " + endpoint.displayUrl() + " is unusable: " + DefaultEngine.rootMessage(e), e);
        }
    }

    HikariDataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
