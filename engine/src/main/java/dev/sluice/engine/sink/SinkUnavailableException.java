package dev.sluice.engine.sink;

/** PostgreSQL could not be read or written right now; the message says why in one line. */
public final class SinkUnavailableException extends RuntimeException {
    public SinkUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
