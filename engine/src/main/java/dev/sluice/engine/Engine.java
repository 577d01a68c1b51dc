package dev.sluice.engine;

import dev.sluice.api.EngineControl;
import dev.sluice.api.EngineState;
import java.net.URI;
import java.time.Duration;

/**
 * One running ingestion stack: HTTP intake, Redis Stream, workers, PostgreSQL; the in-process
 * {@link EngineControl} plus a lifecycle.
 * Single use, like a Javalin server: once stopped it cannot start again; build a new one.
 */
public interface Engine extends EngineControl, AutoCloseable {

    /**
     * Connects to the stores, migrates the schema and opens the HTTP port. Blocks until RUNNING.
     *
     * @throws EngineStartException with a one-line reason when a store or the port is unusable
     */
    void start();

    /**
     * Refuses new intake (503), lets in-flight requests finish, flushes every worker's buffer,
     * acknowledges what was committed and releases connections. Blocks up to about {@code drain}.
     * Idempotent.
     */
    void stop(Duration drain);

    /** The current lifecycle state; never blocks. */
    EngineState state();

    /** Base URI of the HTTP API, e.g. {@code http://127.0.0.1:8080}; valid once RUNNING. */
    URI apiUri();

    /** Same as {@code stop(Duration.ofSeconds(30))}. */
    @Override
    default void close() {
        stop(Duration.ofSeconds(30));
    }
}
