package dev.sluice.engine;

import dev.sluice.api.EngineException;

/**
 * The engine could not start: a store is unreachable, the wrong version, or a port is taken.
 * The message is one line a person can act on; front ends print it as-is, without a stack trace.
 */
public class EngineStartException extends EngineException {
    public EngineStartException(String message) {
        super(message);
    }

    public EngineStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
