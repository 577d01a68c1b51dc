package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.EngineControl;
import dev.sluice.api.EngineSession;
import dev.sluice.api.EngineSessions;
import dev.sluice.api.EngineState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.jfree.data.xy.XYSeries;
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
 * The real window on headless Monocle against a real embedded engine (PostgreSQL and Redis):
 * the robot moves controls and the engine's own state is checked. One stack for the class; the
 * last test closes the window, which drains it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ConsoleWindowIT {
    @TempDir
    static Path dataDir;

    private static EngineSession local;
    private static EngineControl engine;
    private static Stage stage;
    private static ConsoleWindow window;
    private static final CountDownLatch exited = new CountDownLatch(1);
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void openWindowOnEmbeddedStack() throws Exception {
        // the way GuiMain opens it: sluice-engine found through the ServiceLoader
        local = EngineSessions.startLocal(List.of("--data-dir", dataDir.toString(), "--port", "0"), Map.of());
        engine = local.control();
        stage = FxToolkit.registerPrimaryStage();
        Session session = Session.of(local, dataDir);
        FxToolkit.setupStage(s -> {
            window = new ConsoleWindow(session, ConsoleSettings.defaults(), exited::countDown);
            window.show(s);
        });
        await("first ticks charted", Duration.ofSeconds(20), () -> accepted().getItemCount() >= 2);
    }

    @AfterAll
    static void releaseStack() throws Exception {
        if (local != null) {
            local.close();
        }
        FxToolkit.cleanupStages();
    }

    @Test
    @Order(1)
    void moving_the_workers_control_changes_the_engines_workers() {
        assertThat(engine.knobs().workers()).isEqualTo(10);
        robot.clickOn("#workers .increment-arrow-button").clickOn("#workers .increment-arrow-button");
        await("workers 12", Duration.ofSeconds(10), () -> engine.knobs().workers() == 12);

        robot.doubleClickOn("#workers .text-field").eraseText(4).write("4").type(KeyCode.ENTER);
        await("workers 4", Duration.ofSeconds(10), () -> engine.knobs().workers() == 4);
        await(
                "spinner shows the engine's 4",
                Duration.ofSeconds(5),
                () -> window.knobs().spinner(Knob.WORKERS).getValue() == 4);

        robot.doubleClickOn("#workers .text-field").eraseText(4).write("300").type(KeyCode.ENTER);
        Label reason = robot.lookup("#reason-workers").queryAs(Label.class);
        await(
                "refusal shown beside the control",
                Duration.ofSeconds(5),
                () -> reason.getText().contains("was 300"));
        assertThat(reason.getText()).isEqualTo("workers must be 1..256, was 300");
        assertThat(engine.knobs().workers()).isEqualTo(4);
    }

    @Test
    @Order(2)
    void starting_load_makes_the_requests_series_rise() throws Exception {
        robot.interact(() -> robot.lookup("#load-profile")
                .<javafx.scene.control.ComboBox<String>>query()
                .setValue("firehose"));
        robot.interact(() -> robot.lookup("#load-users")
                .<javafx.scene.control.Spinner<Integer>>query()
                .getValueFactory()
                .setValue(4));
        robot.clickOn("#load-start");
        Label reason = robot.lookup("#load-reason").queryAs(Label.class);
        await(
                "load running or refused",
                Duration.ofSeconds(20),
                () -> lastAccepted() > 0 || !reason.getText().isEmpty());
        assertThat(reason.getText())
                .as("the engine's reason for refusing the load")
                .isEmpty();
        await("requests/s rising", Duration.ofSeconds(20), () -> lastAccepted() > 50);
        assertThat(robot.lookup("#load-status").queryAs(Label.class).getText()).startsWith("firehose · closed 4 users");
        Path shot = Files.createDirectories(Path.of("target")).resolve("console-gui-monocle.png");
        robot.interact(() -> {
            try {
                FxImages.savePng(stage.getScene(), shot);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(shot).isNotEmptyFile();
    }

    @Test
    @Order(3)
    void report_after_the_load_stops_holds_the_load_generators_report() throws Exception {
        robot.clickOn("#load-stop");
        await(
                "load stopped",
                Duration.ofSeconds(20),
                () -> !engine.snapshot().load().running());
        robot.clickOn("#report");
        Path reports = dataDir.resolve("reports");
        await(
                "report written",
                Duration.ofSeconds(30),
                () -> reportFile(reports, "load/report.html") != null && reportFile(reports, "report.html") != null);
        Path loadDir = reportFile(reports, "load/report.html").getParent();
        assertThat(loadDir.resolve("summary.json"))
                .content()
                .contains("\"profile\"")
                .contains("firehose");
        assertThat(loadDir.resolve("ticks.csv")).content().startsWith("second,");
        assertThat(loadDir.resolve("requests.png")).isNotEmptyFile();
        assertThat(reportFile(reports, "summary.txt")).content().contains("load/report.html: firehose with 4 users");

        robot.clickOn("#load-start"); // running again, so closing has something to ask about
        await(
                "load running again",
                Duration.ofSeconds(20),
                () -> engine.snapshot().load().running());
        Label status = robot.lookup("#load-status").queryAs(Label.class);
        await(
                "the window has seen it",
                Duration.ofSeconds(10),
                () -> status.getText().startsWith("firehose"));
    }

    /** {@code name} inside the one console-* report directory, or null while it is not there (yet). */
    private static Path reportFile(Path reports, String name) {
        try (var dirs = Files.list(reports)) {
            return dirs.map(d -> d.resolve(name))
                    .filter(Files::isRegularFile)
                    .findFirst()
                    .orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    @Test
    @Order(4)
    void the_workloads_tab_shows_the_figures_of_a_published_snapshot() throws Exception {
        // a second window, on a faked seam that publishes a snapshot with both workloads' figures
        FakeControl fake = new FakeControl();
        CountDownLatch fakeClosed = new CountDownLatch(1);
        Stage[] second = new Stage[1];
        ConsoleWindow[] fakeWindow = new ConsoleWindow[1];
        robot.interact(() -> {
            second[0] = new Stage();
            Session session = new Session(fake, "fake · test", false, dataDir.resolve("fake-reports"), () -> {});
            fakeWindow[0] = new ConsoleWindow(session, ConsoleSettings.defaults(), fakeClosed::countDown);
            fakeWindow[0].show(second[0]);
            second[0].toFront();
        });
        fake.publish(Snapshots.tick(1)
                .queue(WorkloadsModelTest.QUEUE)
                .items(WorkloadsModelTest.ITEMS)
                .cluster(NodesModelTest.TWO)
                .shards(NodesModelTest.FOUR_SHARDS)
                .build());
        Node root = second[0].getScene().getRoot();
        Label depth = robot.from(root).lookup("#queue-depth").queryAs(Label.class);
        assertThat(showing(depth)).as("the charts tab is in front at first").isFalse();
        robot.clickOn(robot.from(root).lookup("#tab-workloads").queryAs(Node.class));
        await(
                "the snapshot on the workloads tab",
                Duration.ofSeconds(10),
                () -> depth.getText().equals("1,530"));
        assertThat(showing(depth)).as("the workloads tab is in front").isTrue();
        assertThat(text(root, "#queue-enqueued")).isEqualTo("1,234/s · 123,456 since start");
        assertThat(text(root, "#queue-consumed")).isEqualTo("1,180/s · 121,926 since start");
        assertThat(text(root, "#queue-empty")).isEqualTo("12.0/s");
        assertThat(text(root, "#queue-enqueue-latency")).startsWith("p95 3.40 ms");
        assertThat(text(root, "#queue-consume-latency")).startsWith("p95 0.85 ms");
        assertThat(text(root, "#queue-channel-0")).isEqualTo("jobs");
        assertThat(text(root, "#queue-channel-depth-0")).isEqualTo("1,200");
        assertThat(text(root, "#queue-channel-1")).isEqualTo("mail");
        assertThat(text(root, "#queue-channel-depth-1")).isEqualTo("300");
        assertThat(showing(robot.from(root).lookup("#queue-channel-3").queryAs(Label.class)))
                .as("only the channels the engine reported")
                .isFalse();
        assertThat(text(root, "#items-posted")).isEqualTo("120/s · 45,000 since start");
        assertThat(text(root, "#items-landed")).isEqualTo("118/s · 44,990 since start");
        assertThat(text(root, "#items-page-reads")).isEqualTo("800/s · 300,000 since start");
        assertThat(text(root, "#items-item-reads")).isEqualTo("310/s");
        assertThat(text(root, "#items-hit-ratio")).isEqualTo("97%");
        assertThat(text(root, "#items-read-latency")).startsWith("p95 1.20 ms");
        assertThat(text(root, "#items-rows")).isEqualTo("44,990");
        assertThat(text(root, "#items-backlog")).isEqualTo("10");
        robot.clickOn(robot.from(root).lookup("#tab-nodes").queryAs(Node.class));
        await(
                "the nodes tab with both nodes",
                Duration.ofSeconds(10),
                () -> text(root, "#node-1-id").equals("app2-77c2d0"));
        assertThat(text(root, "#nodes-summary")).isEqualTo("2 nodes alive · 5,150/s events · 5,020/s rows committed");
        assertThat(text(root, "#node-0-id")).isEqualTo("app1-3f9a1c");
        assertThat(text(root, "#node-0-events")).isEqualTo("5,150/s");
        assertThat(text(root, "#node-1-state")).isEqualTo("DEGRADED");
        assertThat(text(root, "#node-1-pending")).isEqualTo("-");
        Node shards = robot.from(root).lookup("#nodes-shards").queryAs(Node.class);
        await(
                "the shards table with its four keys",
                Duration.ofSeconds(10),
                () -> tableRows(shards).size() == 4);
        assertThat(showing(shards)).as("a sharded stream shows its shards").isTrue();
        assertThat(tableRows(shards))
                .containsExactly(
                        "logs_stream{0}|1,200|40|1,160|3|",
                        "logs_stream{1}|950|25|925|3|",
                        "logs_stream{2}|-|-|-|2|away",
                        "logs_stream{3}|1,310|55|1,255|2|");
        robot.interact(() -> {
            try {
                FxImages.savePng(second[0].getScene(), Path.of("target", "console-gui-nodes.png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        robot.clickOn(robot.from(root).lookup("#tab-workloads").queryAs(Node.class));
        Path shot = Files.createDirectories(Path.of("target")).resolve("console-gui-workloads.png");
        robot.interact(() -> {
            try {
                FxImages.savePng(second[0].getScene(), shot);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        robot.interact(() -> fakeWindow[0].close());
        assertThat(fakeClosed.await(20, TimeUnit.SECONDS))
                .as("the second window closed")
                .isTrue();

        // the real engine reports its queue and items too
        Node main = stage.getScene().getRoot();
        robot.clickOn(robot.from(main).lookup("#tab-workloads").queryAs(Node.class));
        Label realDepth = robot.from(main).lookup("#queue-depth").queryAs(Label.class);
        await(
                "the engine's queue depth",
                Duration.ofSeconds(20),
                () -> realDepth.getText().matches("[0-9,]+"));
        assertThat(showing(realDepth)).isTrue();
        assertThat(text(main, "#items-rows")).matches("[0-9,]+");
        // the real engine reports itself as the one node on its stream
        robot.clickOn(robot.from(main).lookup("#tab-nodes").queryAs(Node.class));
        await(
                "the engine's own node on the nodes tab",
                Duration.ofSeconds(20),
                () -> text(main, "#nodes-summary").startsWith("1 node alive"));
        assertThat(text(main, "#node-0-state")).isEqualTo("RUNNING");
        assertThat(showing(robot.from(main).lookup("#nodes-shards").queryAs(Node.class)))
                .as("an unsharded stream has no shards table")
                .isFalse();
        robot.clickOn(robot.from(main).lookup("#tab-charts").queryAs(Node.class));
        assertThat(showing(realDepth)).isFalse();
    }

    /** The label's text, read on the FX thread. */
    private String text(Node root, String id) {
        String[] t = {null};
        robot.interact(
                () -> t[0] = robot.from(root).lookup(id).queryAs(Label.class).getText());
        return t[0];
    }

    /** The rows the table draws, each its cells' text joined by {@code |}, read on the FX thread. */
    private List<String> tableRows(Node table) {
        List<String> rows = new java.util.ArrayList<>();
        robot.interact(() -> {
            for (Node row : table.lookupAll(".table-row-cell")) {
                TableRow<?> r = (TableRow<?>) row;
                if (r.isEmpty() || r.getItem() == null) {
                    continue;
                }
                StringBuilder line = new StringBuilder();
                for (Node cell : r.lookupAll(".table-cell")) {
                    line.append(line.length() == 0 ? "" : "|").append(((TableCell<?, ?>) cell).getText());
                }
                rows.add(line.toString());
            }
        });
        rows.sort(null);
        return rows;
    }

    /** True when {@code node} and every parent are visible, in a showing window: what a user can see. */
    private static boolean showing(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null && node.getScene().getWindow().isShowing();
    }

    @Test
    @Order(5)
    void closing_the_window_asks_while_load_runs_then_drains_the_engine_and_exits() throws Exception {
        boolean loadRunning = engine.snapshot().load().running();
        // fired later, not inside interact(): the confirmation's nested event loop would block interact()
        robot.interact(() ->
                Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST))));
        if (loadRunning) {
            await(
                    "confirmation shown",
                    Duration.ofSeconds(10),
                    () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
            DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
            assertThat(dialog.getContentText()).contains("A load is running");
            robot.clickOn(dialog.lookupButton(ButtonType.OK));
        }
        assertThat(exited.await(60, TimeUnit.SECONDS)).as("exit hook ran").isTrue();
        assertThat(engine.snapshot().load().running()).isFalse();
        assertThat(((dev.sluice.engine.Engine) engine).state())
                .as("the local engine drained and stopped")
                .isEqualTo(EngineState.STOPPED);
        assertThat(stage.isShowing()).isFalse();
    }

    private static XYSeries accepted() {
        return window.charts().charts().get(0).series().get(0);
    }

    /** The newest accepted requests/s on the chart, read on the FX thread that owns it. */
    private double lastAccepted() {
        double[] last = {0};
        robot.interact(() -> {
            XYSeries s = accepted();
            last[0] = s.getItemCount() == 0 || s.getY(s.getItemCount() - 1) == null
                    ? 0
                    : s.getY(s.getItemCount() - 1).doubleValue();
        });
        return last[0];
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
