package dev.sluice.gui;

import dev.sluice.api.Knobs;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The knob controls' view-model: the knobs in force as the engine last answered them, and why the
 * engine refused the last change of a control. The engine is asked, not a snapshot: a change
 * answers the knobs in force ({@code EngineControl.update}) and each new tick asks once more
 * ({@code EngineControl.knobs()}), so no control flicks back to a value read before its change
 * landed. While a control's own change is on its way, that control keeps what the user set.
 *
 * <p>Concurrency: confined to the UI thread. The calls to the engine run on the single actions
 * thread, so their answers arrive here in the order they were asked.
 */
final class KnobsModel {
    private final EventLog log;
    private final Map<Knob, Integer> inFlight = new EnumMap<>(Knob.class);
    private final Map<Knob, String> refusals = new EnumMap<>(Knob.class);
    private Knobs inForce;

    KnobsModel(EventLog log) {
        this.log = log;
    }

    /** The user set {@code knob}: its change is on its way, the last refusal no longer applies. */
    void requested(Knob knob) {
        inFlight.merge(knob, 1, Integer::sum);
        refusals.remove(knob);
    }

    /** The engine's answer to a change of {@code knob}: the knobs now in force. */
    void applied(Knob knob, Knobs now) {
        settle(knob);
        inForce = now;
    }

    /** The engine's answer to a plain read of its knobs. */
    void answered(Knobs now) {
        inForce = now;
    }

    /** The engine refused the change; show its reason beside the control. */
    void refused(Knob knob, Object value, String reason) {
        settle(knob);
        refusals.put(knob, reason);
        log.error("refused " + knob.label() + " " + knob.show(value) + ": " + reason);
    }

    private void settle(Knob knob) {
        inFlight.computeIfPresent(knob, (k, n) -> n > 1 ? n - 1 : null);
    }

    /**
     * What the control should show now: the engine's answer (before the first one, {@code snapshot}'s
     * knobs), or empty while its own change is on its way.
     */
    Optional<Object> display(Knob knob, Knobs snapshot) {
        Knobs k = inForce != null ? inForce : snapshot;
        return inFlight.containsKey(knob) || k == null ? Optional.empty() : Optional.of(knob.valueIn(k));
    }

    /** Why the engine refused the last change of {@code knob}; empty once a later change is sent. */
    Optional<String> refusal(Knob knob) {
        return Optional.ofNullable(refusals.get(knob));
    }

    /** Parses what the user typed into a number control; the message names the knob and the text. */
    static int parse(Knob knob, String text) {
        String t = text == null ? "" : text.trim().replace(",", "").replace("_", "");
        if (knob == Knob.FLUSH_INTERVAL && t.endsWith("ms")) {
            t = t.substring(0, t.length() - 2).trim();
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(knob.label() + " must be a whole number, was '" + text + "'");
        }
    }
}
