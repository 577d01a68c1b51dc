package dev.sluice.engine.stream;

import dev.sluice.api.EngineException;

/**
 * Redis did not take the events in time or is unreachable: the request should be retried later.
 * {@link #mayBeStored()} tells whether the write had already gone to Redis when it failed: a
 * connection lost or a timeout after sending leaves the outcome unknown, a write refused before
 * it was sent stored nothing.
 */
public final class StoreUnavailableException extends EngineException {
    private final boolean mayBeStored;

    /** A failure that stored nothing. */
    public StoreUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public StoreUnavailableException(String message, Throwable cause, boolean mayBeStored) {
        super(message, cause);
        this.mayBeStored = mayBeStored;
    }

    /** True when Redis may hold the events although it did not confirm them. */
    public boolean mayBeStored() {
        return mayBeStored;
    }
}
