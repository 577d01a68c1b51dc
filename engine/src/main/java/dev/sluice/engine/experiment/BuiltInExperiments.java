package dev.sluice.engine.experiment;

import dev.sluice.api.ExperimentDefinition;
import dev.sluice.api.ExperimentPace;
import dev.sluice.api.ExperimentStep;
import dev.sluice.api.IngestMode;
import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.RateSearch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The experiments that reproduce the seeds' tables. Every step starts from the default knobs plus
 * its own changes, so a run does not depend on what was turned before it. The quick pace fits a
 * whole experiment in about three minutes on two cores; the test pace (seconds per step, lighter
 * loads) is for the integration tests, whose figures mean little.
 */
public final class BuiltInExperiments {
    /** Batch sizes of insert-vs-copy. */
    static final int[] BATCH_SIZES = {10, 100, 1000, 5000};
    /** Worker counts of workers. */
    static final int[] WORKER_COUNTS = {1, 2, 4, 10, 32};

    private BuiltInExperiments() {}

    /** Every built-in experiment, in the order {@code --list} shows them. */
    public static List<ExperimentDefinition> all(ExperimentPace pace) {
        return List.of(stages(pace), insertVsCopy(pace), workers(pace), maxRate(pace));
    }

    /**
     * The built-in experiment called {@code name}.
     *
     * @throws IllegalArgumentException naming the known ones
     */
    public static ExperimentDefinition named(String name, ExperimentPace pace) {
        return all(pace).stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no experiment named '" + name + "'; built-in ones are "
                        + all(pace).stream().map(ExperimentDefinition::name).collect(Collectors.joining(", "))));
    }

    /** Warm-up and measured time of one step at a pace. */
    private record Times(Duration warmUp, Duration measure) {
        static Times of(ExperimentPace pace, int quickWarmUpSeconds, int quickMeasureSeconds) {
            return switch (pace) {
                case FULL -> new Times(Duration.ofSeconds(10), Duration.ofSeconds(30));
                case QUICK ->
                    new Times(Duration.ofSeconds(quickWarmUpSeconds), Duration.ofSeconds(quickMeasureSeconds));
                case TEST -> new Times(Paces.TEST_WARM_UP, Paces.TEST_MEASURE);
            };
        }
    }

    private static int scaled(ExperimentPace pace, int users, int testUsers) {
        return pace == ExperimentPace.TEST ? testUsers : users;
    }

    private static KnobsChange from(Knobs knobs) {
        return KnobsChange.to(knobs);
    }

    static ExperimentDefinition stages(ExperimentPace pace) {
        Times t = Times.of(pace, 5, 20);
        LoadSpec realistic = LoadSpec.closed("realistic", scaled(pace, 1000, 100));
        LoadSpec stress = LoadSpec.closed("stress", scaled(pace, 64, 4));
        Knobs d = Knobs.defaults();
        List<ExperimentStep> steps = List.of(
                step(
                        "direct-insert / realistic",
                        "Stage 1: insert per request (realistic users)",
                        d,
                        IngestMode.DIRECT_INSERT,
                        realistic,
                        t),
                step(
                        "direct-insert / stress",
                        "Stage 1: insert per request (stress: batches of 200)",
                        d,
                        IngestMode.DIRECT_INSERT,
                        stress,
                        t),
                step(
                        "stream-copy / realistic",
                        "Stage 2: Redis Stream + COPY (realistic users)",
                        d,
                        IngestMode.STREAM_COPY,
                        realistic,
                        t),
                step(
                        "stream-copy / stress",
                        "Stage 2: Redis Stream + COPY (stress: batches of 200)",
                        d,
                        IngestMode.STREAM_COPY,
                        stress,
                        t));
        return new ExperimentDefinition(
                "stages",
                "Stage 1 (insert per request) vs stage 2 (stream + COPY)",
                "Seed 001's table: the naive design, where the HTTP handler inserts each request's events before"
                        + " answering (direct-insert), against the stream, where the handler answers once Redis holds"
                        + " the events and workers COPY them in batches (stream-copy); each under the realistic profile"
                        + " (users with 1-3 s think time, batches of 5-15) and the stress profile (batches of 200, no"
                        + " think time). Look at Avg RPS and p99: the stream answers sooner and takes more, at the cost of"
                        + " a consumer lag that drains after the load (recovery).",
                steps,
                null,
                List.of(
                        Columns.AVG_RPS,
                        Columns.EVENTS_PER_SEC,
                        Columns.P50,
                        Columns.P95,
                        Columns.P99,
                        Columns.ERROR_RATE,
                        Columns.ERRORS,
                        Columns.MAX_LAG,
                        Columns.RECOVERY));
    }

    static ExperimentDefinition insertVsCopy(ExperimentPace pace) {
        Times t = Times.of(pace, 3, 10);
        LoadSpec stress = LoadSpec.closed("stress", scaled(pace, 32, 2));
        // a backlog capped low: the load outruns small batches, and what it piles up must drain after each step
        Knobs d = Knobs.defaults().withWaterMarks(20_000, 15_000);
        List<ExperimentStep> steps = new ArrayList<>();
        for (IngestMode mode : List.of(IngestMode.STREAM_INSERT, IngestMode.STREAM_COPY)) {
            for (int batch : BATCH_SIZES) {
                steps.add(step(
                        mode.label() + " / batch " + batch,
                        (mode == IngestMode.STREAM_COPY ? "COPY" : "multi-row INSERT") + ", batches of " + batch,
                        d.withBatchSize(batch),
                        mode,
                        stress,
                        t));
            }
        }
        return new ExperimentDefinition(
                "insert-vs-copy",
                "INSERT vs COPY over batch sizes",
                "Workers writing with multi-row INSERT (stream-insert) against COPY (stream-copy), with batches of"
                        + " 10, 100, 1,000 and 5,000 rows, under the stress profile. The backlog is capped at 20,000"
                        + " events (429 above), so the load always outruns the sink: rows/s is what the sink lands."
                        + " Look at rows/s and accept→commit p99 as the batch grows.",
                steps,
                null,
                List.of(
                        Columns.ROWS_PER_SEC,
                        Columns.COMMIT_P99,
                        Columns.EVENTS_PER_SEC,
                        Columns.MAX_LAG,
                        Columns.RECOVERY));
    }

    static ExperimentDefinition workers(ExperimentPace pace) {
        Times t = Times.of(pace, 3, 12);
        LoadSpec stress = LoadSpec.closed("stress", scaled(pace, 32, 2));
        Knobs d = Knobs.defaults().withWaterMarks(50_000, 40_000);
        List<ExperimentStep> steps = new ArrayList<>();
        for (int n : WORKER_COUNTS) {
            steps.add(step(
                    n + (n == 1 ? " worker" : " workers"),
                    "stream-copy with " + n + (n == 1 ? " worker" : " workers"),
                    d.withWorkers(n),
                    IngestMode.STREAM_COPY,
                    stress,
                    t));
        }
        return new ExperimentDefinition(
                "workers",
                "Worker count: 1, 2, 4, 10, 32",
                "The same stress load drained by 1, 2, 4, 10 and 32 stream-copy workers (backlog capped at 50,000"
                        + " events). Look at rows/s, the lag, and the engine's CPU per event (the engine process,"
                        + " its in-engine load generator included; PostgreSQL and Redis are separate processes).",
                steps,
                null,
                List.of(
                        Columns.ROWS_PER_SEC,
                        Columns.MAX_LAG,
                        Columns.CPU_PER_EVENT,
                        Columns.COMMIT_P99,
                        Columns.EVENTS_PER_SEC,
                        Columns.RECOVERY));
    }

    static ExperimentDefinition maxRate(ExperimentPace pace) {
        Times t = switch (pace) {
            case FULL -> new Times(Duration.ofSeconds(5), Duration.ofSeconds(20));
            case QUICK -> new Times(Duration.ofSeconds(2), Duration.ofSeconds(6));
            case TEST -> new Times(Duration.ofMillis(1000), Duration.ofMillis(1500));
        };
        RateSearch search = pace == ExperimentPace.TEST
                ? new RateSearch(100, 2, 10_000, 0.05)
                : new RateSearch(1000, 2, 128_000, 0.05);
        ExperimentStep probe =
                step("probe", "Max rate", Knobs.defaults(), IngestMode.STREAM_COPY, LoadSpec.open("firehose", 1000), t);
        return new ExperimentDefinition(
                "max-rate",
                "Max rate under an SLO",
                "The search people run by hand with a load tool, automated: single events offered at a fixed"
                        + " rate (open model, latency counted from the intended send time), doubled while a whole"
                        + " step meets the SLO (--slo, default p99 ≤ 50 ms in every second and errors < 0.1%), then"
                        + " bisected between the last rate that passed and the first that failed until they are"
                        + " within 5%. A rate that fails is offered once more before it counts as failed, so one"
                        + " slow second (a collection pause, a checkpoint) does not decide the search; both tries"
                        + " are rows. Reported with the curve of p99 against the offered rate.",
                List.of(probe),
                search,
                List.of(
                        Columns.OFFERED,
                        Columns.AVG_RPS,
                        Columns.CLIENT_P99,
                        Columns.P99,
                        Columns.ERROR_RATE,
                        Columns.ERRORS,
                        Columns.SLO));
    }

    private static ExperimentStep step(
            String label, String title, Knobs base, IngestMode mode, LoadSpec load, Times t) {
        return new ExperimentStep(label, title, from(base.withMode(mode)), load, t.warmUp(), t.measure());
    }
}
