package dev.sluice.cli;

/** A command line that cannot be run; the message is the one line shown to the user (exit code 2). */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
