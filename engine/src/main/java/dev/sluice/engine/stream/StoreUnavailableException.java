package dev.sluice.engine.stream;

import dev.sluice.api.EngineException;

/**
 * A store did not take the write in time or is unreachable: the request should be retried later.
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

    /** A read or write of PostgreSQL that may fail. */
    @FunctionalInterface
    public interface PostgresCall<T> {
        T run() throws java.sql.SQLException;
    }

    /** Runs {@code call}; a failure becomes this exception (nothing stored), which HTTP answers 503. */
    public static <T> T fromPostgres(PostgresCall<T> call) {
        try {
            return call.run();
        } catch (java.sql.SQLException e) {
            throw new StoreUnavailableException("PostgreSQL is unavailable: " + e.getMessage(), e);
        }
    }

    /** True when the store may hold the write although it did not confirm it. */
    public boolean mayBeStored() {
        return mayBeStored;
    }
}
