package dev.sluice.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.ExperimentPace;
import dev.sluice.api.ExperimentRequest;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.ResultRow;
import dev.sluice.api.ExperimentStatus.StepMark;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.Slo;
import dev.sluice.api.control.RemoteEngineControl;
import dev.sluice.engine.Engine;
import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.TestStores;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each built-in experiment at the test pace on a real engine over its real control API: every row
 * and column is there, and each step's events accepted landed in PostgreSQL within the step's own
 * time window (counted there, not taken from the engine's counters).
 */
class ExperimentsIT {

    @Test
    void stages_insert_vs_copy_and_workers_fill_their_tables_and_every_accepted_event_lands_in_its_step() {
        Stores stores = TestStores.freshDatabase("experiments");
        try (Engine engine = TestEngines.started(TestEngines.config("experiments_stream"), stores);
                RemoteEngineControl remote = RemoteEngineControl.attach(engine.apiUri(), null)) {
            assertThat(remote.experiments())
                    .extracting(d -> d.name())
                    .containsExactly("stages", "insert-vs-copy", "workers", "max-rate");
            for (String name : List.of("stages", "insert-vs-copy", "workers")) {
                remote.startExperiment(ExperimentRequest.builtIn(name, ExperimentPace.TEST));
                ExperimentStatus done = awaitEnd(engine, name);
                List<String> labels = BuiltInExperiments.named(name, ExperimentPace.TEST).steps().stream()
                        .map(s -> s.label())
                        .toList();
                assertThat(done.rows()).extracting(ResultRow::step).containsExactlyElementsOf(labels);
                List<String> columns = Columns.check(
                        BuiltInExperiments.named(name, ExperimentPace.TEST).columns());
                for (ResultRow row : done.rows()) {
                    assertThat(row.cells())
                            .as("%s row %s", name, row.step())
                            .extracting(ExperimentStatus.Cell::column)
                            .containsExactlyElementsOf(columns);
                }
                everyStepLandsWhatItAccepted(stores, done);
            }
        }
    }

    @Test
    void max_rate_ends_within_ten_percent_of_the_api_rate_limit_and_hand_changes_are_marked() {
        Stores stores = TestStores.freshDatabase("experiments_max_rate");
        EngineConfig base = TestEngines.config("experiments_max_rate_stream");
        int limit = 300;
        EngineConfig config = base.withApi(base.api().withRateLimit(limit));
        try (Engine engine = TestEngines.started(config, stores)) {
            List<ExperimentStatus.Mark> marks = new java.util.concurrent.CopyOnWriteArrayList<>();
            AutoCloseable sub =
                    engine.subscribe(s -> marks.addAll(s.experiment().marks()));
            engine.update(KnobsChange.none().withWorkers(3));
            Await.until("the hand-made change is marked", Duration.ofSeconds(10), () -> !marks.isEmpty());
            assertThat(marks).extracting(ExperimentStatus.Mark::label).containsExactly("workers 10→3");

            // a loose p99: the rate limit's 429s, not this busy machine's latency, must end the search
            engine.startExperiment(
                    ExperimentRequest.builtIn("max-rate", ExperimentPace.TEST).withSlo(new Slo(2_000_000, 0.001)));
            ExperimentStatus done = awaitEnd(engine, "max-rate");
            double found = done.rows().stream()
                    .filter(r -> r.cell("SLO").orElseThrow().text().equals("pass"))
                    .mapToDouble(r -> r.value("offered"))
                    .max()
                    .orElse(Double.NaN);
            assertThat(found)
                    .as("max rate found against a limit of %d req/s; rows %s; %s", limit, done.rows(), done.summary())
                    .isBetween(limit * 0.9, limit * 1.1);
            assertThat(done.summary()).contains("max rate ≈");
            assertThat(marks)
                    .as("the runner's own knob changes are not hand-made marks")
                    .hasSize(1);
            everyStepLandsWhatItAccepted(stores, done);
            sub.close();
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private static ExperimentStatus awaitEnd(Engine engine, String name) {
        Await.until(
                () -> name + " to end; now " + engine.snapshot().experiment().stepLabel() + " "
                        + engine.snapshot().experiment().phase(),
                Duration.ofSeconds(120),
                () -> engine.snapshot().experiment().name().equals(name)
                        && engine.snapshot().experiment().state().ended());
        ExperimentStatus done = engine.snapshot().experiment();
        assertThat(done.state()).as("%s ended: %s", name, done.summary()).isEqualTo(ExperimentStatus.State.FINISHED);
        return done;
    }

    private static void everyStepLandsWhatItAccepted(Stores stores, ExperimentStatus done) {
        assertThat(done.steps()).hasSameSizeAs(done.rows());
        for (int i = 0; i < done.rows().size(); i++) {
            ResultRow row = done.rows().get(i);
            StepMark step = done.steps().get(i);
            long accepted = (long) row.value("events accepted");
            long landed = (long) row.value("rows landed");
            long inTable = Db.count(
                    stores.postgres(),
                    "SELECT count(*) FROM logs WHERE received_at >= '" + step.startedAt() + "' AND received_at <= '"
                            + step.endedAt() + "'");
            assertThat(accepted).as("%s: events accepted", row.step()).isPositive();
            assertThat(landed)
                    .as("%s: rows landed vs events accepted", row.step())
                    .isEqualTo(accepted);
            assertThat(inTable)
                    .as("%s: rows in logs received within the step vs events accepted", row.step())
                    .isEqualTo(accepted);
        }
    }
}
