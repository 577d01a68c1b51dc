package dev.sluice.gui;

/**
 * A form's requests to the engine that have not been answered yet, and the last refusal: what the
 * load and experiment forms both need to grey out their buttons while a request is on its way and
 * to show why the engine said no (beside the buttons, and as an error in the event log). No JavaFX
 * types; the FX thread calls it.
 */
final class RequestsInFlight {
    private final EventLog log;
    private int inFlight;
    private String refusal;

    RequestsInFlight(EventLog log) {
        this.log = log;
    }

    /** A request is on its way; the last refusal no longer applies. */
    void requested() {
        inFlight++;
        refusal = null;
    }

    /** The engine took one. */
    void done() {
        inFlight = Math.max(0, inFlight - 1);
    }

    /** The engine (or the form) refused {@code what}; {@code reason} shows and is logged. */
    void refused(String what, String reason) {
        done();
        refusal = reason;
        log.error("refused " + what + ": " + reason);
    }

    /** The last refusal, or null. */
    String refusal() {
        return refusal;
    }

    /** True while a request is unanswered. */
    boolean busy() {
        return inFlight > 0;
    }
}
