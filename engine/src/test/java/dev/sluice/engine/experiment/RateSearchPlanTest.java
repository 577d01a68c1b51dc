package dev.sluice.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.ExperimentPace;
import dev.sluice.api.ExperimentStep;
import dev.sluice.api.RateSearch;
import dev.sluice.api.Slo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class RateSearchPlanTest {
    private static final ExperimentStep TEMPLATE =
            BuiltInExperiments.maxRate(ExperimentPace.FULL).steps().get(0);

    /** Runs the search against a target that passes a probe when {@code passes} says so; the labels it offered. */
    private static List<String> search(RateSearchPlan plan, Predicate<ExperimentStep> passes) {
        List<String> labels = new ArrayList<>();
        for (ExperimentStep step = plan.next(); step != null; step = plan.next()) {
            labels.add(step.label());
            plan.finished(step, figures(passes.test(step)));
        }
        return labels;
    }

    private static StepFigures figures(boolean passed) {
        double n = Double.NaN;
        return new StepFigures(n, n, n, n, n, 0, "none", n, n, n, n, n, n, n, passed, 0, 0);
    }

    @Test
    void a_rate_counts_as_failed_only_when_it_fails_twice_and_the_search_ends_within_its_precision() {
        RateSearchPlan plan = new RateSearchPlan(TEMPLATE, new RateSearch(1000, 2, 128_000, 0.05), Slo.DEFAULT);
        List<String> offered = search(plan, s -> s.load().rate() <= 3000);

        assertThat(offered)
                .containsExactly(
                        "1,000 req/s",
                        "2,000 req/s",
                        "4,000 req/s",
                        "4,000 req/s again",
                        "3,000 req/s",
                        "3,500 req/s",
                        "3,500 req/s again",
                        "3,250 req/s",
                        "3,250 req/s again",
                        "3,125 req/s",
                        "3,125 req/s again");
        assertThat(plan.maxRate()).isEqualTo(3000);
        assertThat(plan.summary())
                .isEqualTo("max rate ≈ 3,000 req/s: the highest offered rate that met p99 ≤ 50 ms and errors < 0.1%"
                        + " for a whole step (3,125 req/s failed twice)");
    }

    @Test
    void one_slow_step_does_not_end_the_search_when_the_same_rate_then_passes() {
        RateSearchPlan plan = new RateSearchPlan(TEMPLATE, new RateSearch(1000, 2, 8000, 0.05), Slo.DEFAULT);
        Set<String> hiccups = new HashSet<>(Set.of("1,000 req/s"));

        List<String> offered = search(plan, s -> !hiccups.remove(s.label()));

        assertThat(offered)
                .containsExactly("1,000 req/s", "1,000 req/s again", "2,000 req/s", "4,000 req/s", "8,000 req/s");
        assertThat(plan.maxRate()).isEqualTo(8000);
        assertThat(plan.summary()).startsWith("max rate ≥ 8,000 req/s: every rate probed met");
    }

    @Test
    void a_first_rate_that_fails_twice_ends_the_search_with_no_rate() {
        RateSearchPlan plan = new RateSearchPlan(TEMPLATE, new RateSearch(1000, 2, 8000, 0.05), Slo.DEFAULT);

        assertThat(search(plan, s -> false)).containsExactly("1,000 req/s", "1,000 req/s again");
        assertThat(plan.maxRate()).isNaN();
        assertThat(plan.summary()).endsWith("the first, 1,000 req/s, failed twice already");
        assertThat(plan.known()).isEqualTo(2);
    }
}
