package dev.sluice.api;

/**
 * Lifecycle of a single-use engine: CREATED → STARTING → RUNNING → STOPPING → STOPPED, or FAILED.
 * DEGRADED is RUNNING while a store does not answer (see {@link MetricsSnapshot.Health}): the
 * engine still takes events into Redis while PostgreSQL is away, answers 503 for writes while
 * Redis is away, and restarts embedded stores that died. It becomes RUNNING again by itself.
 */
public enum EngineState {
    CREATED,
    STARTING,
    RUNNING,
    STOPPING,
    STOPPED,
    FAILED,
    DEGRADED;

    /** True while the engine takes requests: RUNNING or DEGRADED. */
    public boolean serving() {
        return this == RUNNING || this == DEGRADED;
    }
}
