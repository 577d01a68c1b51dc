package dev.sluice.tui;

import dev.sluice.api.ExperimentPace;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.Cell;
import dev.sluice.api.ExperimentStatus.Phase;
import dev.sluice.api.ExperimentStatus.ResultRow;
import dev.sluice.api.ExperimentStatus.State;
import dev.sluice.api.ExperimentStatus.StepMark;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Statuses of a made-up run of the built-in {@code stages} experiment, as the engine would send them. */
final class Stages {
    static final String TITLE = "Stage 1 (insert per request) vs stage 2 (stream + COPY)";
    static final List<String> LABELS = List.of(
            "direct-insert / realistic", "direct-insert / stress", "stream-copy / realistic", "stream-copy / stress");
    static final List<String> TITLES = List.of(
            "Stage 1: insert per request (realistic users)",
            "Stage 1: insert per request (stress: batches of 200)",
            "Stage 2: Redis Stream + COPY (realistic users)",
            "Stage 2: Redis Stream + COPY (stress: batches of 200)");

    private Stages() {}

    /**
     * The status with {@code step} under way (or, ended, the last one), its steps started at
     * {@code starts}, a row for each step before it (or every started one once ended).
     */
    static ExperimentStatus status(
            State state, Phase phase, Instant phaseEndsAt, List<Instant> starts, String summary) {
        int step = starts.size() - 1;
        List<StepMark> steps = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            steps.add(new StepMark(
                    i,
                    LABELS.get(i),
                    TITLES.get(i),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(20),
                    starts.get(i),
                    null,
                    null));
        }
        int finished = state.ended() ? starts.size() : step;
        List<ResultRow> rows = new ArrayList<>();
        for (int i = 0; i < finished; i++) {
            rows.add(row(i));
        }
        return new ExperimentStatus(
                "stages",
                TITLE,
                state,
                ExperimentPace.QUICK,
                step,
                4,
                step < 0 ? "" : LABELS.get(step),
                step < 0 ? "" : TITLES.get(step),
                state.ended() ? Phase.NONE : phase,
                phaseEndsAt,
                starts.isEmpty() ? Instant.now() : starts.get(0),
                state.ended() ? Instant.now() : null,
                steps,
                rows,
                summary,
                List.of());
    }

    static ExperimentStatus running(int step, Phase phase, Instant phaseEndsAt, List<Instant> starts) {
        return status(State.RUNNING, phase, phaseEndsAt, starts.subList(0, step + 1), "");
    }

    /** Row {@code i}: its figures grow with i; the second has no p99 (n/a) and a text cell. */
    static ResultRow row(int i) {
        return new ResultRow(
                LABELS.get(i),
                List.of(
                        Cell.number("Avg RPS", "req/s", 1_234 * (i + 1)),
                        Cell.number("events/s", "events/s", 12_345 * (i + 1)),
                        Cell.number("p50", "ms", 3.14 + i),
                        Cell.number("p95", "ms", 7.9 + i),
                        Cell.number("p99", "ms", i == 1 ? Double.NaN : 120.4 + i),
                        Cell.number("error rate", "%", 0.0),
                        i == 1 ? Cell.text("errors", "429×3") : Cell.number("errors", "", 0),
                        Cell.number("max lag", "events", 1_500),
                        Cell.number("recovery", "s", Double.NaN),
                        Cell.number("events accepted", "events", 24_000),
                        Cell.number("rows landed", "rows", 24_000)));
    }
}
