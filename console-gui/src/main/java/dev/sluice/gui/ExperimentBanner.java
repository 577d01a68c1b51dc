package dev.sluice.gui;

import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.Phase;
import dev.sluice.api.ExperimentStatus.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What the experiment banner says: the current step's title in big letters, where the run is
 * ({@code step 2 of 4}), the phase with a countdown, and once it ended its verdict. The classroom
 * banner and the Experiments tab show the same text. No JavaFX types; the view maps {@link #state}
 * to a colour.
 *
 * @param shown     false while no experiment ran on this engine (the banner hides)
 * @param state     the experiment's state
 * @param title     the big line: the step's title, or {@code FINISHED · <experiment title>} once ended
 * @param step      {@code step 2 of 4}, {@code starting}, or {@code 3 of 4 steps done}
 * @param phase     {@code warm-up}, {@code measure}, {@code recover (draining the backlog)}, or ""
 * @param countdown time left in the phase, {@code 0:12}; "" when the phase has no end
 * @param detail    the experiment's name and pace while it runs; its summary once it ended
 */
record ExperimentBanner(
        boolean shown, State state, String title, String step, String phase, String countdown, String detail) {

    static final ExperimentBanner HIDDEN = new ExperimentBanner(false, State.IDLE, "", "", "", "", "");

    /**
     * The banner for {@code s} at {@code engineNow}, the engine's clock as the console estimates it
     * (see {@link EngineClock}): the countdown runs between snapshots without trusting this machine's clock.
     */
    static ExperimentBanner of(ExperimentStatus s, Instant engineNow) {
        if (s == null || s.state() == State.IDLE) {
            return HIDDEN;
        }
        String pace = s.pace() == null ? "" : " · " + s.pace().label() + " pace";
        if (s.state().ended()) {
            String done = s.rows().size() + " of " + s.stepCount() + " steps done";
            String why = s.summary().isEmpty() ? s.name() + pace : s.summary();
            return new ExperimentBanner(true, s.state(), s.state().name() + " · " + s.title(), done, "", "", why);
        }
        if (s.stepIndex() < 0) {
            return new ExperimentBanner(true, s.state(), s.title(), "starting", "", "", s.name() + pace);
        }
        String title = s.stepTitle().isEmpty() ? s.stepLabel() : s.stepTitle();
        String step = "step " + (s.stepIndex() + 1) + " of " + Math.max(s.stepCount(), s.stepIndex() + 1);
        return new ExperimentBanner(
                true,
                s.state(),
                title,
                step,
                phase(s.phase()),
                countdown(s.phaseEndsAt(), engineNow),
                s.title() + " · " + s.name() + pace);
    }

    private static String phase(Phase p) {
        return switch (p) {
            case WARM_UP -> "warm-up";
            case MEASURE -> "measure";
            case RECOVER -> "recover (draining the backlog)";
            // between the end of one step and the start of the next
            case NONE -> "next step";
        };
    }

    /** {@code m:ss} until {@code end}, never below 0:00; "" without an end. */
    static String countdown(Instant end, Instant now) {
        if (end == null || now == null) {
            return "";
        }
        long ms = Math.max(0, Duration.between(now, end).toMillis());
        // round up: a phase with 0.4 s left still shows 0:01, and 0:00 means it is over
        long s = (ms + 999) / 1000;
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
