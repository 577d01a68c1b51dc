package dev.sluice.gui;

import dev.sluice.api.EngineControl;
import dev.sluice.api.ExperimentRequest;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.MetricsSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console window: toolbar and classroom banner on top, charts in the middle (the queue and
 * items workloads, the nodes and the experiments in further tabs), knobs, load and status on the
 * right, event log at the bottom.
 * It pulls snapshots on its own timer, hands each panel its part, and sends every engine call
 * through {@link Actions}.
 *
 * <p>Concurrency: built and driven on the JavaFX thread. The only other threads are the engine's
 * metrics thread (into {@link SnapshotInbox}) and {@code console-actions}.
 */
final class ConsoleWindow {
    private static final Logger log = LoggerFactory.getLogger(ConsoleWindow.class);
    /** Pull often, redraw only when a tick arrived: a 1 s pull beside a 1 s publisher aliases into 0-then-2 jumps. */
    private static final Duration PULL = Duration.millis(250);

    private final Session session;
    private final EngineControl control;
    private final ConsoleSettings settings;
    private final Runnable exit;
    private final EventLog events = new EventLog(Clock.systemDefaultZone());
    private final SnapshotInbox inbox = new SnapshotInbox(ChartsModel.CAPACITY * 2);
    private final Actions actions = new Actions(Platform::runLater);
    private final ChartsModel chartsModel = new ChartsModel();
    private final KnobsModel knobsModel = new KnobsModel(events);
    private final LoadModel loadModel = new LoadModel(events);
    private final StatusModel statusModel;
    private final ChartsView charts = new ChartsView(chartsModel);
    private final KnobsView knobs = new KnobsView(knobsModel, this::submitKnob);
    private final LoadView load;
    private final StatusView status = new StatusView();
    private final WorkloadsView workloads = new WorkloadsView();
    private final NodesView nodes = new NodesView();
    private final ExperimentsModel experimentsModel = new ExperimentsModel(events);
    private final ExperimentsView experiments;
    private final EngineClock engineClock = new EngineClock();
    private final Tab nodesTab = new Tab("Nodes", nodes.node());
    private final EventLogView eventLog = new EventLogView();
    private final BannerView banner = new BannerView();
    private final BorderPane root = new BorderPane();
    private final Timeline timeline = new Timeline(new KeyFrame(PULL, e -> tick()));
    private ScrollPane sideScroll;
    private AutoCloseable subscription;
    private Stage stage;
    private long eventsLogged;
    private boolean primed;
    private boolean autoLoadSent;
    private boolean autoExperimentSent;
    private boolean closing;
    private boolean knobsAsked;
    private boolean profilesAsked;
    private boolean profilesKnown;
    private boolean experimentsAsked;

    /** @param exit runs on the UI thread once the window is closed and the engine released (the app: Platform::exit) */
    ConsoleWindow(Session session, ConsoleSettings settings, Runnable exit) {
        this.session = session;
        this.control = session.control();
        this.settings = settings;
        this.exit = exit;
        this.statusModel = new StatusModel(events, session.target());
        this.load = new LoadView(loadModel, this::startLoad, this::stopLoad);
        this.experiments = new ExperimentsView(experimentsModel, this::startExperiment, this::stopExperiment);
    }

    /** Builds the scene into {@code stage}, starts following the engine and shows the window. */
    void show(Stage stage) {
        this.stage = stage;
        Exports exports = new Exports(chartsModel, actions, events, session);
        Button png = new Button("Save charts PNG…");
        png.setOnAction(e -> exports.saveChartsPng(stage));
        Button csv = new Button("Save CSV…");
        csv.setOnAction(e -> exports.saveCsv(stage));
        Button report = new Button("Report");
        report.setId("report");
        report.setOnAction(e -> exports.report());
        ToggleButton classroom = new ToggleButton("Classroom mode");
        classroom.setId("classroom");
        classroom.setSelected(settings.classroom());
        classroom.setOnAction(e -> setClassroom(classroom.isSelected()));
        Label title = new Label("Sluice");
        title.getStyleClass().add("app-title");
        ToolBar bar = new ToolBar(title, new Separator(), png, csv, report, new Separator(), classroom);

        VBox side = new VBox(14, knobs.node(), new Separator(), load.node(), new Separator(), status.node());
        side.setPadding(new Insets(8));
        sideScroll = new ScrollPane(side);
        sideScroll.setFitToWidth(true);
        sideScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);

        BorderPane center = new BorderPane(tabs());
        center.setPadding(new Insets(6));
        root.setTop(new VBox(bar, banner.node()));
        root.setCenter(center);
        root.setRight(sideScroll);
        root.setBottom(eventLog.node());
        setClassroom(settings.classroom());

        Scene scene = new Scene(root, 1440, 900);
        scene.getStylesheets()
                .add(ConsoleWindow.class.getResource("console.css").toExternalForm());
        stage.setTitle("Sluice console · " + session.target());
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            e.consume();
            requestClose();
        });

        subscription = control.subscribe(inbox);
        actions.run("history", control::history, inbox::prefill, r -> {
            events.error("history unavailable: " + r);
            inbox.prefill(List.of());
        });
        timeline.setCycleCount(Animation.INDEFINITE);
        timeline.play();
        stage.show();
        if (settings.screenshot() != null) {
            PauseTransition wait = new PauseTransition(
                    Duration.millis(settings.screenshotAfter().toMillis()));
            wait.setOnFinished(e -> screenshotAndClose(settings.screenshot()));
            wait.play();
        }
        log.info("console - window open on {}", session.target());
    }

    /** The charts of POST /write, the queue and items workloads, the engine nodes and the experiments, a tab each. */
    private TabPane tabs() {
        Tab chartsTab = new Tab("Charts", charts.node());
        chartsTab.setId("tab-charts");
        Tab workloadsTab = new Tab("Workloads", workloads.node());
        workloadsTab.setId("tab-workloads");
        nodesTab.setId("tab-nodes");
        Tab experimentsTab = new Tab("Experiments", experiments.node());
        experimentsTab.setId("tab-experiments");
        TabPane tabs = new TabPane(chartsTab, workloadsTab, nodesTab, experimentsTab);
        tabs.setId("center-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        if (settings.experiment() != null) {
            // started to run an experiment: its banner and table in front
            tabs.getSelectionModel().select(experimentsTab);
        }
        return tabs;
    }

    private void setClassroom(boolean on) {
        root.getStyleClass().remove("classroom");
        if (on) {
            root.getStyleClass().add("classroom");
        }
        // the side panel's controls grow with the classroom font
        sideScroll.setPrefWidth(on ? 560 : 370);
        banner.node().setVisible(on);
        banner.node().setManaged(on);
        charts.setLarge(on);
        experiments.setClassroom(on);
    }

    /** One pull: new ticks to the charts and models, then every panel shows the latest. */
    private void tick() {
        List<MetricsSnapshot> fresh = inbox.drain();
        if (!fresh.isEmpty()) {
            // the first batch is the engine's history: log its last tick, not ten minutes of changes
            List<MetricsSnapshot> observed = primed ? fresh : fresh.subList(fresh.size() - 1, fresh.size());
            primed = true;
            observed.forEach(statusModel::observe);
            observed.forEach(s -> experimentsModel.observe(s.experiment()));
            charts.update(fresh);
            askEngine();
        }
        boolean connected = control.connected();
        statusModel.observeConnection(connected);
        MetricsSnapshot latest = chartsModel.latest().orElse(null);
        knobs.show(latest);
        load.show(latest);
        status.show(statusModel.lines(latest, connected));
        workloads.show(WorkloadsModel.queue(latest), WorkloadsModel.items(latest));
        NodesModel.Nodes cluster = NodesModel.of(latest);
        nodes.show(cluster);
        nodesTab.setText(cluster.rows().size() > 1 ? "Nodes (" + cluster.rows().size() + ")" : "Nodes");
        // every pull, not every tick: the countdown runs between snapshots
        ExperimentStatus experiment = latest == null ? null : latest.experiment();
        Instant engineNow = latest == null ? null : engineClock.now(latest.seq(), latest.at(), System.nanoTime());
        ExperimentBanner experimentBanner = ExperimentBanner.of(experiment, engineNow);
        banner.show(BannerModel.of(latest), experimentBanner);
        experiments.show(experiment, experimentBanner);
        eventLog.sync(events);
        // the event log also goes to the log file, so a session can be read afterwards
        events.since(eventsLogged).forEach(e -> log.info("event - {}", e.text()));
        eventsLogged = events.added();
        if (latest != null && settings.load() != null && !autoLoadSent) {
            autoLoadSent = true;
            startLoad(settings.load(), false);
        }
        if (latest != null && settings.experiment() != null && !autoExperimentSent) {
            autoExperimentSent = true;
            startExperiment(settings.experiment());
        }
    }

    /** The engine merges the change and answers the knobs in force, which the controls then show. */
    private void submitKnob(Knob knob, Object value, KnobsChange change) {
        actions.run(
                "set " + knob.label(), () -> control.update(change), now -> knobsModel.applied(knob, now), reason -> {
                    knobsModel.refused(knob, value, reason);
                    knobs.refused(knob);
                });
    }

    /**
     * Once a tick: the knobs in force for the controls (a snapshot's may predate a change just
     * answered), and the load profiles until the engine has listed them.
     */
    private void askEngine() {
        if (!knobsAsked) {
            knobsAsked = true;
            actions.run(
                    "read knobs",
                    control::knobs,
                    now -> {
                        knobsAsked = false;
                        knobsModel.answered(now);
                    },
                    reason -> knobsAsked = false);
        }
        if (!profilesKnown && !profilesAsked) {
            profilesAsked = true;
            actions.run(
                    "list profiles",
                    control::profiles,
                    names -> {
                        profilesKnown = true;
                        load.profiles(names);
                    },
                    reason -> profilesAsked = false);
        }
        if (!experimentsModel.isListed() && !experimentsAsked) {
            experimentsAsked = true;
            actions.run(
                    "list experiments",
                    control::experiments,
                    experimentsModel::listed,
                    reason -> experimentsAsked = false);
        }
    }

    private void startLoad(LoadSpec spec, boolean restart) {
        loadModel.requested();
        actions.run(
                "start load",
                () -> {
                    if (restart) {
                        control.stopLoad();
                    }
                    control.startLoad(spec);
                    return spec;
                },
                s -> loadModel.done(),
                reason -> loadModel.refused("load " + LoadModel.describe(spec), reason));
    }

    private void stopLoad() {
        loadModel.requested();
        actions.run(
                "stop load",
                () -> {
                    control.stopLoad();
                    return true;
                },
                s -> loadModel.done(),
                reason -> loadModel.refused("stop load", reason));
    }

    /** Starts an experiment off the UI thread; a refusal (one runs already, bad SLO, engine down) shows on the tab. */
    private void startExperiment(ExperimentRequest request) {
        experimentsModel.requested();
        actions.run(
                "start experiment",
                () -> {
                    control.startExperiment(request);
                    return request;
                },
                r -> experimentsModel.done(),
                reason -> experimentsModel.refused("experiment " + request.name(), reason));
    }

    /** Stops the running experiment off the UI thread (the engine keeps the rows of the finished steps). */
    private void stopExperiment() {
        experimentsModel.requested();
        actions.run(
                "stop experiment",
                () -> {
                    control.stopExperiment();
                    return true;
                },
                ok -> experimentsModel.done(),
                reason -> experimentsModel.refused("stop experiment", reason));
    }

    /** The window's close button: asks first while an embedded engine runs a load, then drains and exits. */
    void requestClose() {
        if (closing) {
            return;
        }
        boolean loadRunning = chartsModel.latest().map(s -> s.load().running()).orElse(false);
        if (session.embedded() && loadRunning) {
            Alert ask = new Alert(
                    Alert.AlertType.CONFIRMATION,
                    "A load is running. Stop it, drain the engine (every accepted event is written) and close?",
                    ButtonType.OK,
                    ButtonType.CANCEL);
            ask.setHeaderText("Close the console?");
            ask.initOwner(stage);
            if (ask.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
                return;
            }
        }
        close();
    }

    /** Closes without asking: stops a load of an embedded engine, drains it, hides the window, runs {@code exit}. */
    void close() {
        if (closing) {
            return;
        }
        closing = true;
        root.setDisable(true);
        events.info(session.embedded() ? "draining the engine: every accepted event is being written" : "detaching");
        eventLog.sync(events);
        stage.setTitle("Sluice console · closing…");
        log.info("console - closing; releasing {}", session.target());
        actions.run(
                "close",
                () -> {
                    if (session.embedded()) {
                        try {
                            control.stopLoad();
                        } catch (RuntimeException e) {
                            log.warn("console - stopping the load before the drain failed: {}", e.toString());
                        }
                    }
                    session.release().run();
                    return true;
                },
                ok -> finish(),
                reason -> {
                    log.warn("console - release of {} failed: {}", session.target(), reason);
                    finish();
                });
    }

    private void finish() {
        timeline.stop();
        try {
            subscription.close();
        } catch (Exception e) {
            log.warn("console - unsubscribe failed: {}", e.toString());
        }
        actions.close();
        stage.hide();
        log.info("console - closed");
        exit.run();
    }

    private void screenshotAndClose(Path file) {
        try {
            FxImages.savePng(stage.getScene(), file);
            log.info("console - screenshot saved to {}", file);
            System.err.println("sluice gui: screenshot saved to " + file);
        } catch (Exception e) {
            log.warn("console - screenshot failed: {}", e.toString());
            System.err.println("sluice gui: screenshot failed: " + e.getMessage());
        }
        close();
    }

    /** For tests: the live charts and knob controls. */
    ChartsView charts() {
        return charts;
    }

    KnobsView knobs() {
        return knobs;
    }

    boolean closing() {
        return closing;
    }
}
