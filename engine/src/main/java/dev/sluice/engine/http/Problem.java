package dev.sluice.engine.http;

/**
 * A request that gets an {@code application/problem+json} answer instead of what it asked for.
 * Thrown by validation and mapped in one place ({@link HttpApi}); carries no stack trace to the user.
 */
final class Problem extends RuntimeException {
    private final int status;
    private final String title;
    private final Integer retryAfterSeconds;
    private final boolean mayBeStored;

    Problem(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    Problem(int status, String title, String detail, Integer retryAfterSeconds) {
        this(status, title, detail, retryAfterSeconds, false);
    }

    private Problem(int status, String title, String detail, Integer retryAfterSeconds, boolean mayBeStored) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
        this.mayBeStored = mayBeStored;
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    String detail() {
        return getMessage();
    }

    Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** True when the request's events may have been stored although the answer is an error. */
    boolean mayBeStored() {
        return mayBeStored;
    }

    static Problem badRequest(String detail) {
        return new Problem(400, "Bad Request", detail);
    }

    static Problem tooLarge(String detail) {
        return new Problem(413, "Content Too Large", detail);
    }

    static Problem unavailable(String detail) {
        return new Problem(503, "Service Unavailable", detail, 1);
    }

    /** 503 for a write whose outcome is unknown: it reached the store, which did not confirm it. */
    static Problem outcomeUnknown(String detail) {
        return new Problem(503, "Service Unavailable", detail, 1, true);
    }

    static Problem busy(String detail) {
        return new Problem(429, "Too Many Requests", detail, 1);
    }
}
