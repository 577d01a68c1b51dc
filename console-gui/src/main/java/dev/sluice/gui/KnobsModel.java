package dev.sluice.gui;

import dev.sluice.api.Knobs;
import dev.sluice.api.MetricsSnapshot;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The knob controls' view-model. The engine's snapshot is the only truth; this class only knows
 * which controls have a change on its way (so the next snapshot, taken before the change landed,
 * does not flick the control back) and why the engine refused the last change of a control.
 *
 * <p>Concurrency: confined to the UI thread. The change itself runs elsewhere (see
 * {@link #request}); its outcome comes back through {@link #applied} or {@link #refused}.
 */
final class KnobsModel {
    /** Snapshots to wait for the engine to show an applied value before showing the engine's again. */
    static final int SETTLE_TICKS = 3;

    private final EventLog log;
    private final Map<Knob, Pending> pending = new EnumMap<>(Knob.class);
    private final Map<Knob, String> refusals = new EnumMap<>(Knob.class);

    private record Pending(Object value, int inFlight, int ticksLeft) {
    }

    KnobsModel(EventLog log) {
        this.log = log;
    }

    /**
     * The user set {@code knob} to {@code value}. Returns the change to apply, off the UI thread,
     * to the knobs in force at that moment (so a concurrent change of another knob survives).
     */
    UnaryOperator<Knobs> request(Knob knob, Object value) {
        Pending p = pending.get(knob);
        pending.put(knob, new Pending(value, (p == null ? 0 : p.inFlight()) + 1, SETTLE_TICKS));
        refusals.remove(knob);
        return k -> knob.with(k, value);
    }

    /** The engine took the change; keep showing {@code value} until a snapshot shows it too. */
    void applied(Knob knob, Object value) {
        Pending p = pending.get(knob);
        if (p != null) {
            pending.put(knob, new Pending(p.value(), Math.max(0, p.inFlight() - 1), SETTLE_TICKS));
        }
    }

    /** The engine (or the Knobs validation) refused the change; show its reason beside the control. */
    void refused(Knob knob, Object value, String reason) {
        Pending p = pending.get(knob);
        if (p != null && p.inFlight() > 1) {
            pending.put(knob, new Pending(p.value(), p.inFlight() - 1, SETTLE_TICKS));
        } else {
            pending.remove(knob);
        }
        refusals.put(knob, reason);
        log.error("refused " + knob.label() + " " + knob.show(value) + ": " + reason);
    }

    /** Called with every new snapshot, oldest first: settles changes the engine now shows. */
    void observe(MetricsSnapshot s) {
        for (Knob knob : Knob.values()) {
            Pending p = pending.get(knob);
            if (p == null || p.inFlight() > 0) {
                continue;
            }
            if (Objects.equals(knob.valueIn(s.knobs()), p.value()) || p.ticksLeft() <= 1) {
                pending.remove(knob);
            } else {
                pending.put(knob, new Pending(p.value(), 0, p.ticksLeft() - 1));
            }
        }
    }

    /** What the control should show now: the engine's value, or empty while a change is on its way. */
    Optional<Object> display(Knob knob, Knobs engine) {
        return pending.containsKey(knob) ? Optional.empty() : Optional.of(knob.valueIn(engine));
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
