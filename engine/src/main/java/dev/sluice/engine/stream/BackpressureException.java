package dev.sluice.engine.stream;

import dev.sluice.api.EngineException;

/** Too many events are on their way to Redis already; the request is refused (429) and costs nothing. */
public final class BackpressureException extends EngineException {
    public BackpressureException(String message) {
        super(message);
    }
}
