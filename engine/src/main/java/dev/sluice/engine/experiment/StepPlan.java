package dev.sluice.engine.experiment;

import dev.sluice.api.ExperimentDefinition;
import dev.sluice.api.ExperimentStep;
import dev.sluice.api.Slo;
import java.util.List;

/** Which step comes next: a fixed list, or a rate search that picks each probe from the verdicts so far. */
interface StepPlan {

    /** The next step, or null when the experiment is done. */
    ExperimentStep next();

    /** What the step {@link #next} gave last measured. */
    void finished(ExperimentStep step, StepFigures figures);

    /** Steps known so far (a search only knows the ones it has chosen). */
    int known();

    /** One line for the end: a search's verdict; "" for a plain list. */
    String summary();

    static StepPlan of(ExperimentDefinition definition, Slo slo) {
        return definition.search() == null
                ? new Fixed(definition.steps())
                : new RateSearchPlan(definition.steps().get(0), definition.search(), slo);
    }

    /** The definition's steps in order. */
    final class Fixed implements StepPlan {
        private final List<ExperimentStep> steps;
        private int next;

        Fixed(List<ExperimentStep> steps) {
            this.steps = steps;
        }

        @Override
        public ExperimentStep next() {
            return next < steps.size() ? steps.get(next++) : null;
        }

        @Override
        public void finished(ExperimentStep step, StepFigures figures) {}

        @Override
        public int known() {
            return steps.size();
        }

        @Override
        public String summary() {
            return "";
        }
    }
}
