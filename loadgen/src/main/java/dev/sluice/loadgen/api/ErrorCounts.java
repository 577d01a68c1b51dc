package dev.sluice.loadgen.api;

/**
 * Failed requests by kind.
 *
 * @param status     answered with a status outside 2xx
 * @param timeout    no complete answer within the request timeout
 * @param connection the connection failed (refused, reset, closed mid-answer); every failed connect counts
 */
public record ErrorCounts(long status, long timeout, long connection) {
    public static final ErrorCounts NONE = new ErrorCounts(0, 0, 0);

    public ErrorCounts {
        Check.require(
                status >= 0 && timeout >= 0 && connection >= 0,
                "error counts must be >= 0, were %d/%d/%d",
                status,
                timeout,
                connection);
    }

    /** All kinds together. */
    public long total() {
        return status + timeout + connection;
    }
}
