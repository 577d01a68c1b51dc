package dev.sluice.engine.experiment;

import dev.sluice.api.ExperimentDefinition;
import dev.sluice.api.ExperimentPace;
import dev.sluice.api.ExperimentStep;
import java.time.Duration;

/** How a pace shortens a user's experiment (the built-in ones choose their own times per pace). */
final class Paces {
    /** What quick leaves of a run for warm-ups and measurements; the rest is for recoveries. */
    static final Duration QUICK_BUDGET = Duration.ofSeconds(150);

    static final Duration TEST_WARM_UP = Duration.ofMillis(500);
    static final Duration TEST_MEASURE = Duration.ofMillis(1500);

    private Paces() {}

    /** Full: as written. Quick: scaled down to fit {@link #QUICK_BUDGET}. Test: seconds per step. */
    static ExperimentDefinition apply(ExperimentDefinition d, ExperimentPace pace) {
        return switch (pace) {
            case FULL -> d;
            case TEST ->
                d.withSteps(d.steps().stream()
                        .map(s -> s.withTimes(s.warmUp().isZero() ? Duration.ZERO : TEST_WARM_UP, TEST_MEASURE))
                        .toList());
            case QUICK -> quick(d);
        };
    }

    private static ExperimentDefinition quick(ExperimentDefinition d) {
        long total = d.steps().stream()
                        .mapToLong(s -> s.warmUp().plus(s.measure()).toMillis())
                        .sum()
                * (d.search() == null ? 1 : 12); // a search runs its template about twelve times (failed rates twice)
        if (total <= QUICK_BUDGET.toMillis()) {
            return d;
        }
        double f = (double) QUICK_BUDGET.toMillis() / total;
        return d.withSteps(d.steps().stream().map(s -> scaled(s, f)).toList());
    }

    private static ExperimentStep scaled(ExperimentStep s, double f) {
        Duration warm = Duration.ofMillis(Math.round(s.warmUp().toMillis() * f));
        Duration measure =
                Duration.ofMillis(Math.max(1000, Math.round(s.measure().toMillis() * f)));
        return s.withTimes(warm, measure);
    }
}
