package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.control.ControlJson;
import dev.sluice.engine.testing.EngineRun;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestStores;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice experiment --attach URL} as a user runs it, in a process of its own, against an
 * engine in another: stopping it in the middle of a step (SIGTERM here, which takes the same path
 * as Ctrl-C: a test's SIGINT may arrive at a JVM that inherited it ignored, and then never
 * arrives) ends the experiment on the engine, prints and writes the finished step, and leaves
 * the engine running.
 */
class ExperimentAttachIT {
    @TempDir
    Path dir;

    @Test
    void stopping_an_attached_experiment_mid_step_keeps_the_finished_step_and_the_engine_runs_on() throws Exception {
        Stores stores = TestStores.freshDatabase("experiment_attach");
        List<String> engineArgs = new ArrayList<>(List.of(
                "--port",
                "0",
                "--warm-up",
                "0s",
                "--tick",
                "200ms",
                "--data-dir",
                dir.resolve("data").toString()));
        engineArgs.addAll(TestStores.engineFlags(stores));
        Path file = dir.resolve("two-steps.yaml");
        Files.writeString(file, """
                name: two-steps
                title: A short step, then a long one
                steps:
                  - label: short
                    knobs: {mode: stream-copy}
                    load: {profile: stress, model: closed, users: 2}
                    warmUp: 0s
                    measure: 2s
                  - label: long
                    load: {profile: stress, model: closed, users: 2}
                    warmUp: 0s
                    measure: 10m
                """);
        Path report = dir.resolve("report");
        try (EngineRun engine = EngineRun.start(dir, "engine", List.of(), engineArgs)) {
            URI api = engine.awaitRunning();
            try (EngineRun experiment = EngineRun.start(
                    ExperimentMain.class,
                    dir,
                    "experiment",
                    List.of(),
                    List.of("--attach", api.toString(), "--file", file.toString(), "--report", report.toString()))) {
                Await.until(
                        "the experiment measures its second step (see " + dir.resolve("experiment.out") + ")",
                        Duration.ofSeconds(120),
                        () -> experiment.stdoutLines().stream().anyMatch(l -> l.endsWith("step 2/2  long: measure")));

                EngineRun.Exit exit = experiment.stop();

                assertThat(exit.code())
                        .as("exit code; stderr %s", exit.stderr())
                        .isZero();
                assertThat(exit.stderr()).as("stderr").isEmpty();
                List<String> out = exit.stdout();
                assertThat(out).as("stdout").contains("stopped during step 2 (long); 1 finished step kept");
                int title = out.indexOf("A short step, then a long one (two-steps, full pace)");
                assertThat(title).as("the table's title in %s", out).isNotNegative();
                List<String> table = out.subList(title, out.size());
                assertThat(table.stream().filter(l -> l.startsWith("short ")))
                        .as("the finished step's row in %s", table)
                        .hasSize(1);
                assertThat(table.stream().filter(l -> l.startsWith("long ")))
                        .as("no row for the step that was stopped, in %s", table)
                        .isEmpty();
                assertThat(Files.readAllLines(report.resolve("results.csv")))
                        .as("results.csv: header and the finished step")
                        .hasSize(2);
                assertThat(report.resolve("report.html")).isNotEmptyFile();
            }

            // the engine runs on: the experiment ended there too, and its load with it
            assertThat(engine.process().isAlive()).as("engine alive").isTrue();
            ExperimentStatus status = ControlJson.readExperimentStatus(
                    Http.get(api, "/control/experiment").body());
            assertThat(status.state()).isEqualTo(ExperimentStatus.State.STOPPED);
            assertThat(status.rows())
                    .extracting(ExperimentStatus.ResultRow::step)
                    .containsExactly("short");
            Await.until(
                    "the experiment's load stopped on the engine",
                    Duration.ofSeconds(30),
                    () -> !ControlJson.readSnapshot(
                                    Http.get(api, "/control/snapshot").body())
                            .load()
                            .running());
        }
    }
}
