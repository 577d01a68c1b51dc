package dev.sluice.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import dev.sluice.api.EngineControl;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.tui.DashboardModel.Overlay;
import dev.sluice.tui.KeyMap.Command;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard: pulls the model on each tick, paints every panel into the screen's back buffer
 * and refreshes only what changed, and turns keys into commands through the {@link KeyMap}.
 * Whatever touches the engine goes to {@link EngineActions}, never runs here.
 *
 * <p>Concurrency: every method runs on the UI thread (the test thread in tests); the screen is
 * touched nowhere else.
 */
final class Console {
    private final Screen screen;
    private final EngineControl control;
    private final DashboardModel model;
    private final EngineActions actions;
    private final Theme theme;
    private final boolean embedded;
    private final KeyMap keys = KeyMap.standard();
    private final HeaderPanel header;
    private final List<ChartPanel> charts = new ArrayList<>();
    private final KnobsPanel knobs = new KnobsPanel(keys);
    private final LoadPanel load = new LoadPanel(keys);
    private final StatsPanel stats = new StatsPanel();
    private final QueuePanel queue = new QueuePanel();
    private final ItemsPanel items = new ItemsPanel(keys);
    private final NodesPanel nodes = new NodesPanel(keys);
    private final FooterPanel footer = new FooterPanel(keys, ZoneId.systemDefault());
    private final ExperimentBanner banner = new ExperimentBanner(keys);
    private final ExperimentPanel experiment = new ExperimentPanel(keys);
    private final HelpOverlay help = new HelpOverlay(keys);
    private final ConfirmOverlay confirm = new ConfirmOverlay(keys);
    private final PickerOverlay picker = new PickerOverlay(keys);
    private boolean finished;
    private boolean stopLoadOnExit;
    private boolean stopExperimentOnExit;

    /**
     * @param target   what the header says the console drives
     * @param embedded true when this process started the engine (quitting drains it)
     */
    Console(
            Screen screen,
            EngineControl control,
            DashboardModel model,
            EngineActions actions,
            Theme theme,
            String target,
            boolean embedded) {
        this.screen = screen;
        this.control = control;
        this.model = model;
        this.actions = actions;
        this.theme = theme;
        this.embedded = embedded;
        this.header = new HeaderPanel(target, !embedded);
        ChartSpec.standard().forEach(spec -> charts.add(new ChartPanel(spec)));
    }

    KeyMap keys() {
        return keys;
    }

    /** True once the user quit. */
    boolean finished() {
        return finished;
    }

    /** True when the user confirmed quitting while a load ran, so it must be stopped first. */
    boolean stopLoadOnExit() {
        return stopLoadOnExit;
    }

    /** True when the user confirmed quitting while an experiment ran, so it must be stopped first. */
    boolean stopExperimentOnExit() {
        return stopExperimentOnExit;
    }

    /** The timer tick: take what the metrics thread queued and note whether a remote engine is reachable. */
    void tick() {
        model.takeLatest();
        model.connected(control.connected());
    }

    /** Runs what {@code key} is bound to where the user is (dashboard, help, picker or a prompt). */
    void onKey(KeyStroke key) {
        KeyMap.Scope scope = switch (model.overlay()) {
            case HELP -> KeyMap.Scope.HELP;
            case CONFIRM_QUIT, CONFIRM_STOP -> KeyMap.Scope.CONFIRM;
            case PICK_EXPERIMENT -> KeyMap.Scope.PICKER;
            case NONE -> KeyMap.Scope.DASHBOARD;
        };
        keys.dispatch(scope, key).ifPresent(this::run);
    }

    private void run(Command command) {
        switch (command) {
            case HELP -> model.overlay(Overlay.HELP);
            case CLOSE_HELP, CANCEL, PICK_CANCEL -> model.overlay(Overlay.NONE);
            case WORKERS_UP -> actions.workers(1);
            case WORKERS_DOWN -> actions.workers(-1);
            case BATCH_UP -> actions.batchSize(true);
            case BATCH_DOWN -> actions.batchSize(false);
            case FLUSH_UP -> actions.flushInterval(true);
            case FLUSH_DOWN -> actions.flushInterval(false);
            case MODE -> actions.nextMode();
            case PAUSE -> actions.togglePause();
            case WATER_UP -> actions.waterMarks(true);
            case WATER_DOWN -> actions.waterMarks(false);
            case LOAD -> actions.toggleLoad();
            case PROFILE -> actions.nextProfile();
            case MODEL -> actions.toggleModel();
            case LOAD_UP -> actions.stepLoad(true);
            case LOAD_DOWN -> actions.stepLoad(false);
            case SPAN -> {
                model.span(model.span().next());
                boolean live = model.span() == DashboardModel.Span.LIVE;
                model.event("charts show " + (live ? "one tick per column" : "the last " + model.span().label), false);
            }
            case VIEW -> {
                model.view(model.nextView());
                model.event(
                        switch (model.view()) {
                            case CHARTS -> "showing the charts of POST /write";
                            case WORKLOADS -> "showing the queue and items workloads";
                            case NODES -> "showing the engine nodes on this stream";
                            case EXPERIMENT -> "showing the experiment's results table";
                        },
                        false);
            }
            case EXPERIMENT, STOP_EXPERIMENT, BANNER, PICK_UP, PICK_DOWN, PICK_PACE, PICK_START -> experiment(command);
            case QUIT -> {
                if (loadRunning() || experimentRunning()) {
                    model.overlay(Overlay.CONFIRM_QUIT);
                } else {
                    finished = true;
                }
            }
            case CONFIRM -> {
                if (model.overlay() == Overlay.CONFIRM_STOP) {
                    model.overlay(Overlay.NONE);
                    actions.stopExperiment();
                } else {
                    quit();
                }
            }
            case QUIT_NOW -> quit();
        }
    }

    private void quit() {
        stopLoadOnExit = loadRunning();
        stopExperimentOnExit = experimentRunning();
        finished = true;
    }

    /** The experiment keys: open the picker, move in it and start, stop (asks first), hide the banner. */
    private void experiment(Command command) {
        switch (command) {
            case EXPERIMENT -> {
                model.picker(p -> ExperimentPicker.asking(p.pace()));
                model.overlay(Overlay.PICK_EXPERIMENT);
                actions.listExperiments();
            }
            case PICK_UP -> model.picker(p -> p.move(-1));
            case PICK_DOWN -> model.picker(p -> p.move(1));
            case PICK_PACE -> model.picker(ExperimentPicker::nextPace);
            case PICK_START -> {
                ExperimentPicker p = model.picker();
                if (p.chosen().isPresent()) {
                    model.overlay(Overlay.NONE);
                    model.event("starting experiment " + p.chosen().get().name() + " …", false);
                    actions.startExperiment(p.chosen().get().name(), p.pace());
                }
            }
            case STOP_EXPERIMENT -> {
                if (experimentRunning()) {
                    model.overlay(Overlay.CONFIRM_STOP);
                } else {
                    model.event(
                            "no experiment is running (" + keys.labelOf(Command.EXPERIMENT) + " starts one)", false);
                }
            }
            case BANNER -> {
                if (model.experimentShown()) {
                    model.bannerHidden(model.bannerShown());
                } else {
                    model.event("no experiment has run: no banner to show", false);
                }
            }
            default -> throw new IllegalArgumentException("not an experiment key: " + command);
        }
    }

    private boolean experimentRunning() {
        return model.experiment().running();
    }

    private boolean loadRunning() {
        MetricsSnapshot s = model.latest();
        return s != null && s.load().running();
    }

    /** Paints a frame. After a resize the whole terminal is redrawn, so no old cells linger. */
    void render() throws IOException {
        TerminalSize resized = screen.doResizeIfNecessary();
        TerminalSize size = screen.getTerminalSize();
        screen.clear();
        Canvas all = new Canvas(screen.newTextGraphics(), theme);
        Layout layout = Layout.of(size.getColumns(), size.getRows(), model.bannerShown());
        if (!layout.usable()) {
            all.text(
                    0,
                    0,
                    "Sluice: terminal too small (" + size.getColumns() + "x" + size.getRows() + "), need at least "
                            + Layout.MIN_COLS + "x" + Layout.MIN_ROWS + "; q quits",
                    Theme.Role.WARN);
        } else {
            drawDashboard(all, layout);
        }
        screen.setCursorPosition(null);
        screen.refresh(resized != null ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
    }

    private void drawDashboard(Canvas all, Layout layout) {
        MetricsSnapshot s = model.latest();
        header.draw(all.region(layout.header()), s, model.connected(), model.nowMillis());
        if (layout.banner() != null) {
            banner.draw(all.region(layout.banner()), model.experiment(), model.nowMillis());
        }
        List<Layout.Rect> chartAreas = layout.charts();
        if (model.view() == DashboardModel.View.WORKLOADS) {
            queue.draw(all.region(layout.queue()), s);
            items.draw(all.region(layout.items()), s);
            chartAreas = layout.workloadCharts();
        } else if (model.view() == DashboardModel.View.NODES) {
            nodes.draw(all.region(layout.middle()), s);
            chartAreas = List.of();
        } else if (model.view() == DashboardModel.View.EXPERIMENT) {
            // title, two header rows, the rows, the step under way and two notes
            int wanted = 6 + model.experiment().rows().size();
            experiment.draw(
                    all.region(layout.experimentTable(wanted)),
                    model.experiment(),
                    model.nowMillis(),
                    model.nextView());
            chartAreas = layout.experimentCharts(wanted);
        }
        List<ChartMark> marks = model.marks();
        for (int i = 0; i < chartAreas.size(); i++) {
            charts.get(i).draw(all.region(chartAreas.get(i)), model.history(), model.span(), marks);
        }
        knobs.draw(all.region(layout.knobs()), s);
        load.draw(all.region(layout.load()), s, model.loadDraft());
        if (layout.stats() != null) {
            stats.draw(all.region(layout.stats()), s);
        }
        footer.draw(all.region(layout.footer()), model.event(), model.nextView());
        switch (model.overlay()) {
            case HELP -> help.draw(all);
            case CONFIRM_QUIT -> drawQuitPrompt(all);
            case CONFIRM_STOP ->
                confirm.draw(
                        all,
                        "Stop the experiment",
                        "Stop " + model.experiment().name() + "? The rows of its finished steps stay.",
                        "stop it");
            case PICK_EXPERIMENT -> picker.draw(all, model.picker());
            case NONE -> {}
        }
    }

    private void drawQuitPrompt(Canvas all) {
        String what = experimentRunning() ? "An experiment" : "A load";
        String question = embedded
                ? what + " is running. Stop it, drain the engine and quit?"
                : what + " is running. Stop it and quit?";
        confirm.draw(all, "Quit", question, "stop it and quit");
    }
}
