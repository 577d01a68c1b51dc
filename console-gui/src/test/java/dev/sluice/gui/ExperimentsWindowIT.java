package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.EngineSession;
import dev.sluice.api.EngineSessions;
import dev.sluice.api.EngineState;
import dev.sluice.api.ExperimentDefinition;
import dev.sluice.api.ExperimentPace;
import dev.sluice.api.ExperimentRequest;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.Mark;
import dev.sluice.api.ExperimentStatus.Phase;
import dev.sluice.api.ExperimentStatus.State;
import dev.sluice.api.ExperimentStep;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.LoadSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Experiments in the real window on headless Monocle: first on a faked seam that publishes a run
 * step by step (banner, table, chart lines, Start, Stop, refusals), then on a real embedded engine
 * that runs a short two-step experiment to its finished table. Only outcomes are awaited, with
 * generous limits: nothing here times the engine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ExperimentsWindowIT {
    @TempDir
    static Path dataDir;

    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void cleanup() throws Exception {
        FxToolkit.cleanupStages();
    }

    /** A window on {@code session} in a stage of its own, classroom mode on so the banner shows. */
    private ConsoleWindow open(Session session, ExperimentRequest auto, CountDownLatch closed, Stage[] stage) {
        ConsoleWindow[] w = new ConsoleWindow[1];
        ConsoleSettings settings = new ConsoleSettings(true, null, null, Duration.ofSeconds(20), auto);
        robot.interact(() -> {
            stage[0] = new Stage();
            w[0] = new ConsoleWindow(session, settings, closed::countDown);
            w[0].show(stage[0]);
            stage[0].toFront();
        });
        return w[0];
    }

    @Test
    @Order(1)
    void on_a_faked_engine_the_banner_table_and_chart_lines_follow_the_run_and_start_stop_reach_the_seam()
            throws Exception {
        FakeControl fake = new FakeControl();
        fake.experiments = List.of(ExperimentStatuses.STAGES, ExperimentStatuses.MAX_RATE);
        CountDownLatch closed = new CountDownLatch(1);
        Stage[] stage = new Stage[1];
        ConsoleWindow window =
                open(new Session(fake, "fake · test", false, dataDir.resolve("fake"), () -> {}), null, closed, stage);
        Node root = stage[0].getScene().getRoot();
        // ticks 1..31: the run starts at tick 10, a hand-made change in tick 15 only, step 2 from tick 30
        for (int seq = 1; seq <= 31; seq++) {
            ExperimentStatus e = seq < 10
                    ? ExperimentStatus.NONE
                    : ExperimentStatuses.running(seq < 30 ? 0 : 1, Phase.MEASURE, Snapshots.T0.plusSeconds(seq + 12));
            if (seq == 15) {
                e = e.withMarks(List.of(new Mark(Snapshots.T0.plusMillis(14_500), "workers 10→4")));
            }
            fake.publish(Snapshots.tick(seq).ok(100).experiment(e).build());
        }
        robot.clickOn(robot.from(root).lookup("#tab-experiments").queryAs(Node.class));
        await("the banner on step 2", () -> text(root, "#banner-step").equals("step 2 of 4"));
        assertThat(text(root, "#banner-step-title")).isEqualTo("Stage 1: insert per request (stress)");
        assertThat(text(root, "#banner-phase")).isEqualTo("measure");
        assertThat(text(root, "#banner-countdown")).matches("[0-9]+:[0-5][0-9]");
        assertThat(showing(root, "#banner-step-title")).isTrue();
        assertThat(showing(root, "#experiment-step-title"))
                .as("in classroom mode the tab shows no second banner")
                .isFalse();
        await(
                "the engine's experiments listed, the first one described",
                () -> text(root, "#experiment-description").equals("Insert per request against stream + COPY."));
        TableView<?> table = robot.from(root).lookup("#experiment-table").queryAs(TableView.class);
        await(
                "the first finished step in the table",
                () -> onFx(() -> table.getItems().size()) == 1);
        assertThat(headers(table))
                .containsExactly(
                        "step", "Avg RPS (req/s)", "p99 (ms)", "error rate (%)", "recovery (s)", "SLO", "events/s");
        assertThat(onFx(() -> table.getItems().get(0)))
                .isEqualTo(List.of("direct-insert / realistic", "1,234", "12.3", "0.50%", "n/a", "pass", "2,000"));
        assertThat(lines(window))
                .as("two step starts and the hand-made change, on every chart")
                .containsExactly("1", "workers 10→4", "2");
        savePng(stage[0], "console-gui-experiment-fake.png");
        // out of classroom mode the tab's own banner says the same
        robot.clickOn(robot.from(root).lookup("#classroom").queryAs(Node.class));
        await("the tab's banner showing", () -> showing(root, "#experiment-step-title"));
        assertThat(showing(root, "#banner-step-title")).isFalse();
        assertThat(text(root, "#experiment-step-title")).isEqualTo("Stage 1: insert per request (stress)");
        assertThat(text(root, "#experiment-step")).isEqualTo("step 2 of 4");
        assertThat(text(root, "#experiment-phase")).isEqualTo("measure");
        assertThat(text(root, "#experiment-countdown")).matches("[0-9]+:[0-5][0-9]");
        savePng(stage[0], "console-gui-experiment-fake-plain.png");

        Button start = robot.from(root).lookup("#experiment-start").queryAs(Button.class);
        Button stop = robot.from(root).lookup("#experiment-stop").queryAs(Button.class);
        assertThat(onFx(start::isDisabled)).as("one runs: no second start").isTrue();
        robot.clickOn(stop);
        await("stop reached the seam", () -> fake.stops.get() == 1);
        fake.publish(Snapshots.tick(32)
                .experiment(ExperimentStatuses.ended(State.STOPPED, 1, "stopped in step 2"))
                .build());
        await(
                "the banner says it stopped",
                () -> text(root, "#banner-step-title").startsWith("STOPPED"));
        assertThat(text(root, "#experiment-detail")).isEqualTo("stopped in step 2");
        assertThat(text(root, "#experiment-summary")).isEqualTo("stopped: 1 of 4 steps finished · stopped in step 2");
        assertThat(onFx(() -> table.getItems().size()))
                .as("the partial table stays")
                .isEqualTo(1);
        await("stop disabled, start enabled", () -> onFx(() -> stop.isDisabled() && !start.isDisabled()));

        robot.clickOn(start);
        await("start reached the seam", () -> fake.started.size() == 1);
        assertThat(fake.started).containsExactly(ExperimentRequest.builtIn("stages", ExperimentPace.QUICK));

        fake.startFails =
                new IllegalStateException("experiment 'stages' is running; stop it first (DELETE /control/experiment)");
        await("start enabled again", () -> !onFx(start::isDisabled));
        robot.clickOn(start);
        await("the refusal shown", () -> !text(root, "#experiment-reason").isEmpty());
        assertThat(text(root, "#experiment-reason"))
                .isEqualTo("experiment 'stages' is running; stop it first (DELETE /control/experiment)");

        // a bad SLO never reaches the engine
        fake.startFails = null;
        robot.interact(() -> {
            ComboBox<ExperimentDefinition> choice =
                    robot.from(root).lookup("#experiment-choice").queryComboBox();
            choice.setValue(ExperimentStatuses.MAX_RATE);
        });
        robot.interact(() -> robot.from(root)
                .lookup("#experiment-slo-p99")
                .queryAs(TextField.class)
                .setText("fast"));
        robot.clickOn(start);
        await("the SLO refused", () -> text(root, "#experiment-reason").contains("SLO"));
        assertThat(text(root, "#experiment-reason"))
                .isEqualTo("the SLO's p99 must be a number of milliseconds such as 50, was 'fast'");
        assertThat(fake.started).hasSize(1);
        robot.interact(() -> robot.from(root)
                .lookup("#experiment-slo-p99")
                .queryAs(TextField.class)
                .setText("80"));
        robot.clickOn(start);
        await("max-rate with its SLO reached the seam", () -> fake.started.size() == 2);
        assertThat(fake.started.get(1).slo().p99Micros()).isEqualTo(80_000);

        robot.interact(window::close);
        assertThat(closed.await(20, TimeUnit.SECONDS)).as("the window closed").isTrue();
    }

    @Test
    @Order(2)
    void a_real_engine_runs_a_two_step_experiment_to_its_finished_table_and_stops_another_from_the_window()
            throws Exception {
        EngineSession local =
                EngineSessions.startLocal(List.of("--data-dir", dataDir.toString(), "--port", "0"), Map.of());
        CountDownLatch closed = new CountDownLatch(1);
        try {
            ExperimentDefinition two = new ExperimentDefinition(
                    "two-steps",
                    "Two worker counts",
                    "2 workers, then 4, under the same stress load.",
                    List.of(step("2 workers", 2), step("4 workers", 4)));
            Stage[] stage = new Stage[1];
            // the way --experiment starts one: as soon as the engine answers
            ConsoleWindow window = open(
                    Session.of(local, dataDir),
                    new ExperimentRequest(null, two, ExperimentPace.TEST, null),
                    closed,
                    stage);
            Node root = stage[0].getScene().getRoot();
            await(
                    "the run on the banner",
                    Duration.ofSeconds(60),
                    () -> text(root, "#banner-step").matches("step [12] of 2|2 of 2 steps done"));
            TableView<?> table = robot.from(root).lookup("#experiment-table").queryAs(TableView.class);
            await(
                    "the experiment finished",
                    Duration.ofSeconds(120),
                    () -> text(root, "#banner-step-title").startsWith("FINISHED"));
            assertThat(text(root, "#banner-step-title")).isEqualTo("FINISHED · Two worker counts");
            await("both rows in the table", () -> onFx(() -> table.getItems().size()) == 2);
            assertThat(headers(table))
                    .startsWith("step", "Avg RPS (req/s)")
                    .contains("p99 (ms)", "events accepted (events)", "rows landed (rows)");
            assertThat(onFx(() -> table.getItems().stream()
                            .map(r -> String.valueOf(((List<?>) r).get(0)))
                            .toList()))
                    .containsExactly("2 workers", "4 workers");
            assertThat(lines(window)).contains("1", "2");
            assertThat(text(root, "#experiment-summary")).startsWith("finished: 2 of 2 steps finished");
            savePng(stage[0], "console-gui-experiment-finished.png");
            robot.clickOn(robot.from(root).lookup("#tab-charts").queryAs(Node.class));
            savePng(stage[0], "console-gui-experiment-charts.png");
            robot.clickOn(robot.from(root).lookup("#tab-experiments").queryAs(Node.class));

            // a built-in one started from the form, stopped from the window: the engine keeps what finished
            Button start = robot.from(root).lookup("#experiment-start").queryAs(Button.class);
            await("the engine's experiments listed and start enabled", () -> !onFx(start::isDisabled));
            robot.clickOn(start);
            await(
                    "the built-in run started",
                    Duration.ofSeconds(30),
                    () -> local.control().snapshot().experiment().running());
            Button stop = robot.from(root).lookup("#experiment-stop").queryAs(Button.class);
            await("stop enabled", () -> !onFx(stop::isDisabled));
            robot.clickOn(stop);
            await(
                    "the banner says it stopped",
                    Duration.ofSeconds(60),
                    () -> text(root, "#banner-step-title").startsWith("STOPPED"));
            assertThat(local.control().snapshot().experiment().state()).isEqualTo(State.STOPPED);
            assertThat(local.control().snapshot().experiment().name()).isEqualTo("stages");
            robot.interact(window::close);
            assertThat(closed.await(60, TimeUnit.SECONDS))
                    .as("the window closed")
                    .isTrue();
            assertThat(((dev.sluice.engine.Engine) local.control()).state()).isEqualTo(EngineState.STOPPED);
        } finally {
            local.close();
        }
    }

    private static ExperimentStep step(String label, int workers) {
        return new ExperimentStep(
                label,
                "Stage " + workers + ": " + label,
                KnobsChange.none().withWorkers(workers),
                LoadSpec.closed("stress", 2),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2));
    }

    /** Every chart's vertical line labels (they are the same on each), read on the FX thread. */
    private List<String> lines(ConsoleWindow window) {
        return onFx(() -> {
            List<List<String>> perChart = new ArrayList<>();
            for (ChartBuilder.Built c : window.charts().charts()) {
                Collection<?> markers = c.plot().getDomainMarkers(Layer.FOREGROUND);
                List<String> labels = new ArrayList<>();
                for (Object m : markers == null ? List.of() : markers) {
                    labels.add(((ValueMarker) m).getLabel());
                }
                perChart.add(labels);
            }
            assertThat(perChart).allSatisfy(l -> assertThat(l).isEqualTo(perChart.get(0)));
            return perChart.get(0);
        });
    }

    private List<String> headers(TableView<?> table) {
        // a unit sits on the header's second line
        return onFx(() -> table.getColumns().stream()
                .map(c -> c.getText().replace('\n', ' '))
                .toList());
    }

    /** True when the node and every parent are visible, in a showing window: what a user can see. */
    private boolean showing(Node root, String id) {
        return onFx(() -> {
            for (Node n = robot.from(root).lookup(id).queryAs(Node.class); n != null; n = n.getParent()) {
                if (!n.isVisible()) {
                    return false;
                }
            }
            return root.getScene().getWindow().isShowing();
        });
    }

    private String text(Node root, String id) {
        return onFx(() -> robot.from(root).lookup(id).queryAs(Label.class).getText());
    }

    private <T> T onFx(Supplier<T> read) {
        AtomicReference<T> out = new AtomicReference<>();
        robot.interact(() -> out.set(read.get()));
        return out.get();
    }

    private void savePng(Stage stage, String name) throws Exception {
        Path shot = Files.createDirectories(Path.of("target")).resolve(name);
        robot.interact(() -> {
            try {
                FxImages.savePng(stage.getScene(), shot);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(shot).isNotEmptyFile();
    }

    private static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(20), condition);
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }
}
