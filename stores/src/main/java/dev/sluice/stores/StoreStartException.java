package dev.sluice.stores;

/**
 * A store could not be started or reached: a port is taken, the data directory is locked or
 * left by a newer PostgreSQL, a URL is malformed. The message is one line a person can act on;
 * front ends print it as-is, without a stack trace.
 */
public class StoreStartException extends RuntimeException {
    public StoreStartException(String message) {
        super(message);
    }

    public StoreStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
