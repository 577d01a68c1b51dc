package dev.sluice.tui;

import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.Phase;
import java.util.Locale;

/** An experiment's progress as the banner and the experiment view say it. Pure functions. */
final class ExperimentText {
    private ExperimentText() {}

    /** {@code step 2/4}; {@code starting} before the first step. */
    static String step(ExperimentStatus e) {
        return e.stepIndex() < 0
                ? "starting"
                : "step " + (e.stepIndex() + 1) + "/" + Math.max(e.stepCount(), e.stepIndex() + 1);
    }

    /** Time left in the current warm-up or measurement, {@code 0:12}; "" in recovery or without an end. */
    static String countdown(ExperimentStatus e, long nowMillis) {
        if (e.phaseEndsAt() == null || e.phase() == Phase.NONE || e.phase() == Phase.RECOVER) {
            return "";
        }
        // rounded up, so the count reads 0:01 until the phase is really over
        long left = Math.max(0, e.phaseEndsAt().toEpochMilli() - nowMillis);
        return Fmt.elapsed((left + 999) / 1000 * 1000);
    }

    /** {@code measure 0:12}, {@code warm-up 0:03}, {@code recover}: the phase and its countdown. */
    static String phase(ExperimentStatus e, long nowMillis) {
        if (e.phase() == Phase.NONE) {
            return "";
        }
        String left = countdown(e, nowMillis);
        return e.phase().label() + (left.isEmpty() ? "" : " " + left);
    }

    /** What the current step is doing, in the words of a row that has not finished yet. */
    static String doing(ExperimentStatus e, long nowMillis) {
        String left = countdown(e, nowMillis);
        return switch (e.phase()) {
            case NONE -> "starting…";
            case WARM_UP -> "warming up (not measured)" + (left.isEmpty() ? "" : ", " + left + " left");
            case MEASURE -> "measuring" + (left.isEmpty() ? "" : ", " + left + " left");
            case RECOVER -> "recovering: the backlog drains";
        };
    }

    /** {@code FINISHED}, {@code STOPPED}, {@code FAILED}, {@code RUNNING}. */
    static String state(ExperimentStatus e) {
        return e.state().name().toUpperCase(Locale.ROOT);
    }

    /** The colour of an experiment's state: under way, done, stopped by someone, failed. */
    static Theme.Role role(ExperimentStatus e) {
        return switch (e.state()) {
            case RUNNING -> Theme.Role.WARN;
            case FINISHED -> Theme.Role.GOOD;
            case STOPPED -> Theme.Role.TITLE;
            case FAILED -> Theme.Role.BAD;
            case IDLE -> Theme.Role.DIM;
        };
    }

    /** {@code quick pace}; "" when unknown. */
    static String pace(ExperimentStatus e) {
        return e.pace() == null ? "" : e.pace().label() + " pace";
    }
}
