package dev.sluice.loadgen.api;

/**
 * A run that cannot start or cannot go on (target unreachable, unknown profile). The message is one
 * line meant for a human: it names the target or setting at fault.
 */
public class LoadGeneratorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LoadGeneratorException(String message) {
        super(message);
    }

    public LoadGeneratorException(String message, Throwable cause) {
        super(message, cause);
    }
}
