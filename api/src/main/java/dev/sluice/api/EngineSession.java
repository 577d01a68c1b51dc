package dev.sluice.api;

import java.net.URI;
import java.util.Optional;

/**
 * A console's hold on one engine, local or remote: what it drives and how it lets go. Open one with
 * {@link EngineSessions#startLocal} (an engine in this process, on embedded or external stores) or
 * {@link EngineSessions#attach} (an engine in another process, through its control API).
 *
 * <p>Concurrency: {@link #control()} is as thread-safe as {@link EngineControl}; {@link #close()}
 * may be called from any thread, also from a shutdown hook, and more than once.
 */
public interface EngineSession extends AutoCloseable {

    /** The seam: everything the console does to the engine goes through it. */
    EngineControl control();

    /** The engine's base URI: the HTTP API this process started, or the one attached to. */
    URI apiUri();

    /** True when this process runs the engine, so closing the session drains and stops it. */
    boolean local();

    /**
     * The control token a local engine generated for this run (it listens off loopback and none
     * was given), for the console to show for {@code --attach --token}; empty otherwise.
     */
    Optional<String> generatedToken();

    /**
     * Lets go of the engine. Local: refuses new intake, drains every accepted event into PostgreSQL
     * (blocks up to about 30 s), then stops embedded stores. Remote: stops following; the engine runs on.
     * Idempotent; never throws.
     */
    @Override
    void close();
}
