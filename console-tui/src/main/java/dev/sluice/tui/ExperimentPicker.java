package dev.sluice.tui;

import dev.sluice.api.ExperimentDefinition;
import dev.sluice.api.ExperimentPace;
import java.util.List;
import java.util.Optional;

/**
 * What the experiment picker shows: the engine's experiments once they have arrived (null while
 * the console is still asking), or why they did not; which one is chosen; and the pace. Immutable:
 * the UI thread moves the choice, the action thread fills in the list, each by replacing it.
 *
 * @param choices  the engine's experiments, in its order; null while asking
 * @param error    why the engine gave none, "" when it did
 * @param selected the chosen line, from 0
 * @param pace     the pace the chosen one will run at
 */
record ExperimentPicker(List<ExperimentDefinition> choices, String error, int selected, ExperimentPace pace) {
    /** The paces the picker offers, in the order Tab walks them: quick first, the one a class waits for. */
    static final List<ExperimentPace> PACES = List.of(ExperimentPace.QUICK, ExperimentPace.FULL, ExperimentPace.TEST);

    ExperimentPicker {
        choices = choices == null ? null : List.copyOf(choices);
        error = error == null ? "" : error;
        pace = pace == null ? ExperimentPace.QUICK : pace;
    }

    /** A picker asking the engine, keeping the pace chosen last time. */
    static ExperimentPicker asking(ExperimentPace pace) {
        return new ExperimentPicker(null, "", 0, pace);
    }

    ExperimentPicker loaded(List<ExperimentDefinition> list) {
        return new ExperimentPicker(list, "", 0, pace);
    }

    ExperimentPicker failed(String why) {
        return new ExperimentPicker(List.of(), why, 0, pace);
    }

    boolean asking() {
        return choices == null;
    }

    /** One line up or down, wrapping around. */
    ExperimentPicker move(int delta) {
        if (choices == null || choices.isEmpty()) {
            return this;
        }
        int n = choices.size();
        return new ExperimentPicker(choices, error, ((selected + delta) % n + n) % n, pace);
    }

    ExperimentPicker nextPace() {
        return new ExperimentPicker(choices, error, selected, PACES.get((PACES.indexOf(pace) + 1) % PACES.size()));
    }

    /** The chosen experiment; empty while asking or when the engine offers none. */
    Optional<ExperimentDefinition> chosen() {
        return choices == null || choices.isEmpty() ? Optional.empty() : Optional.of(choices.get(selected));
    }

    /** What each pace means, for the line under the list. */
    static String describe(ExperimentPace pace) {
        return switch (pace) {
            case QUICK -> "quick: the whole experiment in about 3 minutes";
            case FULL -> "full: the definition's times, figures worth citing";
            case TEST -> "test: seconds per step, figures mean little";
        };
    }
}
