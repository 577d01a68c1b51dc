package dev.sluice.engine.http;

/**
 * A request that gets an {@code application/problem+json} answer instead of what it asked for.
 * Thrown by validation and mapped in one place ({@link HttpApi}); carries no stack trace to the user.
 */
final class Problem extends RuntimeException {
    private final int status;
    private final String title;
    private final Integer retryAfterSeconds;

    Problem(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    Problem(int status, String title, String detail, Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
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

    static Problem badRequest(String detail) {
        return new Problem(400, "Bad Request", detail);
    }

    static Problem tooLarge(String detail) {
        return new Problem(413, "Content Too Large", detail);
    }

    static Problem unavailable(String detail) {
        return new Problem(503, "Service Unavailable", detail, 1);
    }

    static Problem busy(String detail) {
        return new Problem(429, "Too Many Requests", detail, 1);
    }
}
