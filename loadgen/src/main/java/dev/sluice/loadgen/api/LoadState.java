package dev.sluice.loadgen.api;

/** Where a {@link LoadGenerator} is in its single-use life. Moves forward only. */
public enum LoadState {
    /** Built, not started. */
    CREATED,
    /** Opening connections. */
    STARTING,
    /** Offering load. */
    RUNNING,
    /** No new requests; waiting for the ones in flight (at most the request timeout). */
    STOPPING,
    /** Load has stopped; waiting for the target's backlog to reach 0 (only with a {@link TargetProbe}). */
    RECOVERING,
    /** The report is final. */
    FINISHED,
    /** The run could not start or broke down; {@link LoadGenerator#result()} throws. */
    FAILED
}
