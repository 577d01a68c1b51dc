package dev.sluice.api.cli;

/** A command line that cannot be run; the message is the one line shown to the user (exit code 2). */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
