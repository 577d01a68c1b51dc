package dev.sluice.engine.stream;

import dev.sluice.engine.api.EngineException;

/** Redis did not take the events in time or is unreachable: the request should be retried later. */
public final class StoreUnavailableException extends EngineException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
