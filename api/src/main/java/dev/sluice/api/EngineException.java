package dev.sluice.api;

/** Root of every unchecked exception the engine throws at its boundary. */
public class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
