package dev.sluice.api.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.EngineState;
import dev.sluice.api.ExperimentDefinition;
import dev.sluice.api.ExperimentPace;
import dev.sluice.api.ExperimentRequest;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.Cell;
import dev.sluice.api.ExperimentStatus.Mark;
import dev.sluice.api.ExperimentStatus.ResultRow;
import dev.sluice.api.ExperimentStatus.StepMark;
import dev.sluice.api.ExperimentStep;
import dev.sluice.api.IngestMode;
import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.ApiStats;
import dev.sluice.api.MetricsSnapshot.Latency;
import dev.sluice.api.MetricsSnapshot.PoolStats;
import dev.sluice.api.MetricsSnapshot.StoreInfo;
import dev.sluice.api.MetricsSnapshot.StreamStats;
import dev.sluice.api.MetricsSnapshot.Totals;
import dev.sluice.api.MetricsSnapshot.WorkerStats;
import dev.sluice.api.RateSearch;
import dev.sluice.api.Slo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentJsonTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private static ExperimentStep step(String label, IngestMode mode, LoadSpec load) {
        return new ExperimentStep(
                label,
                "Stage: " + label,
                KnobsChange.none().withMode(mode).withBatchSize(200),
                load,
                Duration.ofSeconds(10),
                Duration.ofSeconds(30));
    }

    private static MetricsSnapshot snapshot(ExperimentStatus experiment) {
        return new MetricsSnapshot(
                9,
                T0,
                EngineState.RUNNING,
                1234,
                Knobs.defaults(),
                new StoreInfo("postgresql://h/db", "external", "redis://h", "external"),
                new ApiStats(10, 100, 9, 1, 0, 0, Latency.NONE),
                new StreamStats(5, 2, 3, 0),
                new WorkerStats(10, 1, 0.5, 100, 2, 50, 0.5, Latency.NONE),
                new PoolStats(1, 2, 0, 1000),
                new Totals(10, 100, 90, 1, 0),
                Map.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                experiment);
    }

    @Test
    void a_running_experiment_round_trips_in_a_snapshot() {
        ExperimentStatus status = new ExperimentStatus(
                "stages",
                "Stage 1 vs stage 2",
                ExperimentStatus.State.RUNNING,
                ExperimentPace.QUICK,
                1,
                4,
                "direct-insert / stress",
                "Stage 1: insert per request",
                ExperimentStatus.Phase.WARM_UP,
                T0.plusSeconds(50),
                T0,
                null,
                List.of(
                        new StepMark(
                                0,
                                "direct-insert / realistic",
                                "Stage 1",
                                Duration.ofSeconds(10),
                                Duration.ofSeconds(30),
                                T0,
                                T0.plusSeconds(10),
                                T0.plusSeconds(42)),
                        new StepMark(
                                1,
                                "direct-insert / stress",
                                "Stage 1",
                                Duration.ofSeconds(10),
                                Duration.ofSeconds(30),
                                T0.plusSeconds(42),
                                null,
                                null)),
                List.of(new ResultRow(
                        "direct-insert / realistic",
                        List.of(
                                Cell.number("Avg RPS", "req/s", 512.5),
                                Cell.number("max lag", "events", Double.NaN),
                                new Cell("error rate", "%", 0.12, "429×3"),
                                Cell.text("verdict", "pass")))),
                "",
                List.of(new Mark(T0.plusMillis(300), "workers 10→4")));
        MetricsSnapshot s = snapshot(status);
        String text = ControlJson.write(s);
        assertThat(text).contains("\"experiment\":{", "\"phase\":\"warm-up\"", "\"pace\":\"quick\"");
        MetricsSnapshot back = ControlJson.readSnapshot(text);
        // NaN does not equal itself inside a record's equals, so compare the rest and that NaN by hand
        assertThat(back.experiment().rows().get(0).value("max lag"))
                .as("NaN survives the wire")
                .isNaN();
        assertThat(ControlJson.write(back)).isEqualTo(text);
        assertThat(back.experiment().marks()).isEqualTo(status.marks());
        assertThat(back.experiment().steps()).isEqualTo(status.steps());
        assertThat(back.experiment().columns()).containsExactly("Avg RPS", "max lag", "error rate", "verdict");
    }

    @Test
    void a_snapshot_from_an_engine_without_experiments_reads_as_none() {
        String older = ControlJson.write(snapshot(null)).replace(",\"experiment\":", ",\"ignored\":");
        assertThat(ControlJson.readSnapshot(older).experiment()).isEqualTo(ExperimentStatus.NONE);
        assertThat(snapshot(null).experiment()).isEqualTo(ExperimentStatus.NONE);
    }

    @Test
    void definitions_round_trip_with_their_steps_and_search() {
        ExperimentDefinition plain = new ExperimentDefinition(
                "stages",
                "Stage 1 vs stage 2",
                "direct-insert vs stream-copy",
                List.of(
                        step("direct-insert / stress", IngestMode.DIRECT_INSERT, LoadSpec.closed("stress", 64)),
                        step("stream-copy / stress", IngestMode.STREAM_COPY, LoadSpec.closed("stress", 64))));
        ExperimentDefinition search = new ExperimentDefinition(
                "max-rate",
                "Max rate under an SLO",
                "",
                List.of(step("probe", IngestMode.STREAM_COPY, LoadSpec.open("firehose", 500))),
                new RateSearch(500, 2, 64_000, 0.05));
        List<ExperimentDefinition> back = ControlJson.readExperiments(ControlJson.write(List.of(plain, search)));
        assertThat(back).containsExactly(plain, search);
    }

    @Test
    void a_request_round_trips_and_a_bad_one_names_what_is_wrong() {
        ExperimentRequest r =
                ExperimentRequest.builtIn("max-rate", ExperimentPace.QUICK).withSlo(new Slo(20_000, 0.01));
        assertThat(ControlJson.readExperimentRequest(ControlJson.write(r))).isEqualTo(r);
        assertThat(ControlJson.readExperimentRequest("{\"name\":\"stages\"}"))
                .isEqualTo(ExperimentRequest.builtIn("stages", ExperimentPace.FULL));
        assertThatThrownBy(() -> ControlJson.readExperimentRequest("{\"pace\":\"quick\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("an experiment's name must be given");
        assertThatThrownBy(() -> ControlJson.readExperimentRequest("{\"name\":\"x\",\"pace\":\"slow\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pace must be one of full, quick, test, was 'slow'");
    }
}
