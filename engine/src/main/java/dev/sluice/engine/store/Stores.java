package dev.sluice.engine.store;

/**
 * The PostgreSQL and Redis an engine talks to, and who owns their lifecycle.
 * Embedded stores are started (and stopped by {@link #close()}) by Sluice itself;
 * external stores are only described, and {@link #close()} leaves them alone.
 */
public interface Stores extends AutoCloseable {

    PostgresEndpoint postgres();

    RedisEndpoint redis();

    /** Stops what this object started. Idempotent. Never throws. */
    @Override
    void close();
}
