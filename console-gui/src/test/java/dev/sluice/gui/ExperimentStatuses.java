package dev.sluice.gui;

import dev.sluice.api.ExperimentDefinition;
import dev.sluice.api.ExperimentPace;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.Cell;
import dev.sluice.api.ExperimentStatus.Phase;
import dev.sluice.api.ExperimentStatus.ResultRow;
import dev.sluice.api.ExperimentStatus.State;
import dev.sluice.api.ExperimentStatus.StepMark;
import dev.sluice.api.ExperimentStep;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.RateSearch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Experiment statuses as the engine publishes them, for view-model and window tests: a 4-step "stages" run. */
final class ExperimentStatuses {
    /** The run starts at tick 10 of {@link Snapshots}; step i starts 20 s after step i-1. */
    static final Instant START = Snapshots.T0.plusSeconds(10);

    static final List<String> LABELS = List.of(
            "direct-insert / realistic", "direct-insert / stress", "stream-copy / realistic", "stream-copy / stress");
    static final List<String> TITLES = List.of(
            "Stage 1: insert per request (realistic users)",
            "Stage 1: insert per request (stress)",
            "Stage 2: stream + COPY (realistic users)",
            "Stage 2: stream + COPY (stress)");

    static final ExperimentDefinition STAGES = new ExperimentDefinition(
            "stages", "Stage 1 vs stage 2", "Insert per request against stream + COPY.", List.of(step("a")));
    static final ExperimentDefinition MAX_RATE = new ExperimentDefinition(
            "max-rate",
            "Highest rate under the SLO",
            "Steps the offered rate up, then bisects.",
            List.of(new ExperimentStep(
                    "probe",
                    "",
                    KnobsChange.none(),
                    LoadSpec.open("stress", 100),
                    Duration.ZERO,
                    Duration.ofSeconds(5))),
            new RateSearch(100, 2, 10_000, 0.05));

    private ExperimentStatuses() {}

    static ExperimentStep step(String label) {
        return new ExperimentStep(
                label, "", KnobsChange.none(), LoadSpec.closed("realistic", 5), Duration.ZERO, Duration.ofSeconds(5));
    }

    static Instant stepStart(int index) {
        return START.plusSeconds(20L * index);
    }

    /** A finished step's row: a rate, a p99, an error rate, a figure that does not apply and a verdict. */
    static ResultRow row(int index) {
        return new ResultRow(
                LABELS.get(index),
                List.of(
                        Cell.number("Avg RPS", "req/s", 1234.4 * (index + 1)),
                        Cell.number("p99", "ms", 12.34 * (index + 1)),
                        Cell.number("error rate", "%", 0.5),
                        Cell.number("recovery", "s", Double.NaN),
                        Cell.text("SLO", index == 3 ? "fail" : "pass"),
                        Cell.number("events/s", "events/s", 2000)));
    }

    /** Running step {@code index} (from 0) in {@code phase}, the steps before it finished. */
    static ExperimentStatus running(int index, Phase phase, Instant phaseEndsAt) {
        List<StepMark> steps = new ArrayList<>();
        List<ResultRow> rows = new ArrayList<>();
        for (int i = 0; i <= index; i++) {
            steps.add(mark(i, i < index));
            if (i < index) {
                rows.add(row(i));
            }
        }
        return new ExperimentStatus(
                "stages",
                "Stage 1 vs stage 2",
                State.RUNNING,
                ExperimentPace.QUICK,
                index,
                4,
                LABELS.get(index),
                TITLES.get(index),
                phase,
                phaseEndsAt,
                START,
                null,
                steps,
                rows,
                "",
                List.of());
    }

    /** Ended after {@code finished} steps. */
    static ExperimentStatus ended(State state, int finished, String summary) {
        List<StepMark> steps = new ArrayList<>();
        List<ResultRow> rows = new ArrayList<>();
        for (int i = 0; i < finished; i++) {
            steps.add(mark(i, true));
            rows.add(row(i));
        }
        return new ExperimentStatus(
                "stages",
                "Stage 1 vs stage 2",
                state,
                ExperimentPace.QUICK,
                finished - 1,
                4,
                LABELS.get(Math.max(0, finished - 1)),
                TITLES.get(Math.max(0, finished - 1)),
                Phase.NONE,
                null,
                START,
                stepStart(finished),
                steps,
                rows,
                summary,
                List.of());
    }

    private static StepMark mark(int i, boolean done) {
        return new StepMark(
                i,
                LABELS.get(i),
                TITLES.get(i),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                stepStart(i),
                stepStart(i).plusSeconds(5),
                done ? stepStart(i).plusSeconds(18) : null);
    }
}
