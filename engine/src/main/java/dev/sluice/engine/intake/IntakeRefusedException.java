package dev.sluice.engine.intake;

/**
 * An intake refused a batch and stored none of it. {@link #reason()} says whose fault it is, so
 * the HTTP layer can pick the status without knowing which store refused.
 */
public final class IntakeRefusedException extends RuntimeException {
    /** Why nothing was stored. */
    public enum Reason {
        /** Over a water mark or near Redis' memory limit: retry after {@link #retryAfterSeconds()} (429). */
        BUSY,
        /** The events themselves were refused (bad data, a constraint): a retry cannot help (422). */
        CONTENT,
        /** The store is unwell right now: retry later (503). */
        UNAVAILABLE
    }

    private final Reason reason;
    private final Integer retryAfterSeconds;

    private IntakeRefusedException(Reason reason, String message, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Refused for backpressure; {@code retryAfterSeconds} may be null. */
    public static IntakeRefusedException busy(String message, Integer retryAfterSeconds) {
        return new IntakeRefusedException(Reason.BUSY, message, retryAfterSeconds);
    }

    /** Refused for what the events contain. */
    public static IntakeRefusedException content(String message) {
        return new IntakeRefusedException(Reason.CONTENT, message, null);
    }

    /** Refused because the store is unavailable. */
    public static IntakeRefusedException unavailable(String message) {
        return new IntakeRefusedException(Reason.UNAVAILABLE, message, null);
    }

    /** Whose fault the refusal is: the HTTP layer picks 429, 422 or 503 by it. */
    public Reason reason() {
        return reason;
    }

    /** Seconds to wait before retrying, or null when there is no estimate. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
