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
    private final HelpOverlay help = new HelpOverlay(keys);
    private final ConfirmOverlay confirm = new ConfirmOverlay(keys);
    private boolean finished;
    private boolean stopLoadOnExit;

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

    /** The timer tick: take what the metrics thread queued and note whether a remote engine is reachable. */
    void tick() {
        model.takeLatest();
        model.connected(control.connected());
    }

    /** Runs what {@code key} is bound to where the user is (dashboard, help or quit prompt). */
    void onKey(KeyStroke key) {
        KeyMap.Scope scope = switch (model.overlay()) {
            case HELP -> KeyMap.Scope.HELP;
            case CONFIRM_QUIT -> KeyMap.Scope.CONFIRM;
            case NONE -> KeyMap.Scope.DASHBOARD;
        };
        keys.dispatch(scope, key).ifPresent(this::run);
    }

    private void run(Command command) {
        switch (command) {
            case HELP -> model.overlay(Overlay.HELP);
            case CLOSE_HELP, CANCEL_QUIT -> model.overlay(Overlay.NONE);
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
                model.view(model.view().next());
                model.event(
                        switch (model.view()) {
                            case CHARTS -> "showing the charts of POST /write";
                            case WORKLOADS -> "showing the queue and items workloads";
                            case NODES -> "showing the engine nodes on this stream";
                        },
                        false);
            }
            case QUIT -> {
                if (loadRunning()) {
                    model.overlay(Overlay.CONFIRM_QUIT);
                } else {
                    finished = true;
                }
            }
            case CONFIRM_QUIT, QUIT_NOW -> {
                stopLoadOnExit = loadRunning();
                finished = true;
            }
        }
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
        Layout layout = Layout.of(size.getColumns(), size.getRows());
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
        List<Layout.Rect> chartAreas = layout.charts();
        if (model.view() == DashboardModel.View.WORKLOADS) {
            queue.draw(all.region(layout.queue()), s);
            items.draw(all.region(layout.items()), s);
            chartAreas = layout.workloadCharts();
        } else if (model.view() == DashboardModel.View.NODES) {
            nodes.draw(all.region(layout.middle()), s);
            chartAreas = List.of();
        }
        for (int i = 0; i < chartAreas.size(); i++) {
            charts.get(i).draw(all.region(chartAreas.get(i)), model.history(), model.span());
        }
        knobs.draw(all.region(layout.knobs()), s);
        load.draw(all.region(layout.load()), s, model.loadDraft());
        if (layout.stats() != null) {
            stats.draw(all.region(layout.stats()), s);
        }
        footer.draw(all.region(layout.footer()), model.event(), model.view());
        if (model.overlay() == Overlay.HELP) {
            help.draw(all);
        } else if (model.overlay() == Overlay.CONFIRM_QUIT) {
            confirm.draw(all, embedded);
        }
    }
}
