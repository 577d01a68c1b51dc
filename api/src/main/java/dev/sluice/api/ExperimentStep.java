package dev.sluice.api;

import static dev.sluice.api.Checks.check;
import static dev.sluice.api.Checks.require;

import java.time.Duration;

/**
 * One step of an experiment: set some knobs, run a load, let it warm up, then measure. After the
 * measured time the runner stops the load and waits until the backlog has drained (the recovery),
 * so every event the step accepted has landed before the next step starts.
 *
 * @param label   short name of the step, the row label of the results table, e.g. {@code "direct-insert / stress"}
 * @param title   what a classroom banner shows in big letters, e.g. {@code "Stage 1: insert per request"}
 * @param knobs   the knobs the step sets before its load starts (only those named change); never null
 * @param load    the load the step offers; its duration is ignored (the step's times rule)
 * @param warmUp  load before the measurement starts, not measured; zero for none
 * @param measure how long the step is measured, positive
 */
public record ExperimentStep(
        String label, String title, KnobsChange knobs, LoadSpec load, Duration warmUp, Duration measure) {

    public ExperimentStep {
        require(label, "a step's label");
        title = title == null || title.isBlank() ? label : title;
        knobs = knobs == null ? KnobsChange.none() : knobs;
        check(load != null, "step '%s': a load must be given", label);
        warmUp = warmUp == null ? Duration.ZERO : warmUp;
        check(!warmUp.isNegative(), "step '%s': warm-up must not be negative, was %s", label, warmUp);
        check(
                measure != null && !measure.isNegative() && !measure.isZero(),
                "step '%s': the measured duration must be positive, was %s",
                label,
                measure);
    }

    /** The same step with other times: how a pace (quick, test) shortens a definition. */
    public ExperimentStep withTimes(Duration newWarmUp, Duration newMeasure) {
        return new ExperimentStep(label, title, knobs, load, newWarmUp, newMeasure);
    }

    /** The same step with another load: how a rate search probes one rate after another. */
    public ExperimentStep withLoad(String newLabel, String newTitle, LoadSpec newLoad) {
        return new ExperimentStep(newLabel, newTitle, knobs, newLoad, warmUp, measure);
    }
}
