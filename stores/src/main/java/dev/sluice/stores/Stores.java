package dev.sluice.stores;

/**
 * The PostgreSQL and Redis an engine talks to, and who owns their lifecycle.
 * Embedded stores are started (and stopped by {@link #close()}) by Sluice itself;
 * external stores are only described, and {@link #close()} leaves them alone.
 */
public interface Stores extends AutoCloseable {

    PostgresEndpoint postgres();

    RedisEndpoint redis();

    /**
     * How often Sluice restarted {@code store} ("postgres" or "redis") after its process died:
     * only embedded stores are restarted, so external ones always answer 0. Safe from any thread.
     */
    default long restarts(String store) {
        return 0;
    }

    /** Stops what this object started. Idempotent. Never throws. */
    @Override
    void close();
}
