package dev.sluice.engine.http;

/**
 * A request that gets an {@code application/problem+json} answer instead of what it asked for.
 * Thrown by validation and mapped in one place ({@link HttpApi}); carries no stack trace to the user.
 */
public final class Problem extends RuntimeException {
    private final int status;
    private final String title;
    private final Integer retryAfterSeconds;
    private final boolean mayBeStored;

    public Problem(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    public Problem(int status, String title, String detail, Integer retryAfterSeconds) {
        this(status, title, detail, retryAfterSeconds, false);
    }

    private Problem(int status, String title, String detail, Integer retryAfterSeconds, boolean mayBeStored) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
        this.mayBeStored = mayBeStored;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** True when the request's events may have been stored although the answer is an error. */
    public boolean mayBeStored() {
        return mayBeStored;
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "Bad Request", detail);
    }

    public static Problem tooLarge(String detail) {
        return new Problem(413, "Content Too Large", detail);
    }

    public static Problem unavailable(String detail) {
        return new Problem(503, "Service Unavailable", detail, 1);
    }

    /** 503 for a write whose outcome is unknown: it reached the store, which did not confirm it. */
    public static Problem outcomeUnknown(String detail) {
        return new Problem(503, "Service Unavailable", detail, 1, true);
    }

    public static Problem busy(String detail) {
        return new Problem(429, "Too Many Requests", detail, 1);
    }
}
