package dev.sluice.engine.health;

/**
 * One health probe of one store: a cheap round trip (PostgreSQL {@code SELECT 1}, Redis
 * {@code PING}) on a connection of its own, so it never waits behind the engine's traffic.
 *
 * <p>Concurrency: one thread calls {@link #check()} at a time; {@link #close()} may come from
 * another thread and makes a blocked check fail.
 */
public interface StoreCheck extends AutoCloseable {

    /** "postgres" or "redis". */
    String name();

    /**
     * One round trip. Blocks for at most about {@link StoreChecks#TIMEOUT} on a store that
     * hangs (socket timeouts), but a caller must not rely on that alone.
     *
     * @throws Exception when the store did not answer correctly
     */
    void check() throws Exception;

    /** Drops the probe's connection. Idempotent; never throws. */
    @Override
    void close();
}
