package dev.sluice.gui;

import dev.sluice.api.MetricsSnapshot;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.plot.XYPlot;

/**
 * The live charts: one JFreeChart per {@link ChartDef}, a pause button, the window length, a
 * scroll bar through the kept history and a hover readout.
 *
 * <p>Concurrency: UI thread only. Series change only here, items are added with notify off and
 * each chart redraws once per update (its notify flag is off while the update runs).
 */
final class ChartsView {
    private final ChartsModel model;
    private final List<ChartBuilder.Built> charts = new ArrayList<>();
    private final BorderPane root = new BorderPane();
    private final ToggleButton pause = new ToggleButton("Pause charts");
    private final ChoiceBox<String> window = new ChoiceBox<>();
    private final ScrollBar scroll = new ScrollBar();
    private final Label readout = new Label("Hover a chart to read its values.");
    private boolean updating;
    private boolean large;
    private long marksShown = -1;

    ChartsView(ChartsModel model) {
        this.model = model;
        GridPane grid = new GridPane();
        grid.setHgap(4);
        grid.setVgap(4);
        int cols = 2;
        int rows = (ChartCatalog.ALL.size() + 1) / cols;
        for (int c = 0; c < cols; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / cols);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / rows);
            grid.getRowConstraints().add(rc);
        }
        for (int i = 0; i < ChartCatalog.ALL.size(); i++) {
            grid.add(viewer(ChartCatalog.ALL.get(i)), i % cols, i / cols);
        }
        root.setCenter(grid);
        root.setBottom(controls());
    }

    private ChartViewer viewer(ChartDef def) {
        ChartBuilder.Built built = ChartBuilder.build(def, ChartsModel.CAPACITY);
        charts.add(built);
        ChartViewer viewer = new ChartViewer(built.chart(), false);
        viewer.setMinSize(200, 140);
        // the range follows the clock every tick; a drag-zoom would only fight it
        viewer.getCanvas().setDomainZoomable(false);
        viewer.getCanvas().setRangeZoomable(false);
        viewer.setId("chart-" + def.id());
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX event) {}

            @Override
            public void chartMouseMoved(ChartMouseEventFX event) {
                hover(built, viewer, event.getTrigger().getX());
            }
        });
        return viewer;
    }

    private Node controls() {
        for (int s : ChartsModel.WINDOWS_SECONDS) {
            window.getItems().add(s / 60 + " min");
        }
        window.setValue(model.windowSeconds() / 60 + " min");
        window.setOnAction(e -> {
            model.setWindowSeconds(Integer.parseInt(window.getValue().split(" ")[0]) * 60);
            redraw(List.of());
        });
        pause.setId("pause-charts");
        pause.setOnAction(e -> {
            model.setPaused(pause.isSelected());
            redraw(List.of());
        });
        scroll.setOrientation(Orientation.HORIZONTAL);
        scroll.setId("history-scroll");
        HBox.setHgrow(scroll, Priority.ALWAYS);
        scroll.valueProperty().addListener((o, old, v) -> {
            if (!updating) {
                model.setOffsetSeconds((int) Math.round(scroll.getMax() - v.doubleValue()));
                redraw(List.of());
            }
        });
        readout.setId("chart-readout");
        HBox bar = new HBox(8, pause, new Label("window"), window, scroll);
        bar.setPadding(new Insets(4, 0, 0, 0));
        BorderPane bottom = new BorderPane(readout, bar, null, null, null);
        return bottom;
    }

    Node node() {
        return root;
    }

    /** Adds the ticks the model keeps (repeats are dropped) and redraws each chart once. */
    void update(List<MetricsSnapshot> fresh) {
        List<MetricsSnapshot> kept = new ArrayList<>(fresh.size());
        for (MetricsSnapshot s : fresh) {
            if (model.accept(s)) {
                kept.add(s);
            }
        }
        if (!kept.isEmpty()) {
            redraw(kept);
        }
    }

    private void redraw(List<MetricsSnapshot> added) {
        ChartsModel.Range range = model.visibleRange();
        ChartMarks marks = model.marks();
        List<ChartMarks.Mark> lines = marks.version() == marksShown ? null : marks.list();
        marksShown = marks.version();
        for (ChartBuilder.Built built : charts) {
            JFreeChart chart = built.chart();
            chart.setNotify(false);
            added.forEach(built::add);
            built.fireSeriesChanged();
            if (lines != null) {
                ChartBuilder.mark(built.plot(), lines, large, false);
            }
            built.plot().getDomainAxis().setRange(range.fromMillis(), range.toMillis());
            chart.setNotify(true);
        }
        updating = true;
        try {
            pause.setSelected(model.paused());
            pause.setText(model.paused() ? "Resume live" : "Pause charts");
            int max = model.maxOffsetSeconds();
            scroll.setMax(Math.max(1, max));
            scroll.setVisibleAmount(Math.max(1, max / 10.0));
            scroll.setValue(Math.max(0, max - model.offsetSeconds()));
            scroll.setDisable(max == 0);
        } finally {
            updating = false;
        }
    }

    private void hover(ChartBuilder.Built built, ChartViewer viewer, double screenX) {
        ChartRenderingInfo info = viewer.getRenderingInfo();
        if (info == null || info.getPlotInfo() == null) {
            return;
        }
        Rectangle2D area = info.getPlotInfo().getDataArea();
        XYPlot plot = built.plot();
        double x = plot.getDomainAxis().java2DToValue(screenX, area, plot.getDomainAxisEdge());
        String text = model.readout(built.def(), (long) x);
        readout.setText(text.isEmpty() ? "" : built.def().title() + "   " + text);
    }

    /** Projector-sized chart fonts, or the normal ones. */
    void setLarge(boolean on) {
        large = on;
        List<ChartMarks.Mark> lines = model.marks().list();
        for (ChartBuilder.Built c : charts) {
            ChartBuilder.setLargeFonts(c.chart(), on);
            // the lines' labels grow too
            ChartBuilder.mark(c.plot(), lines, on, false);
        }
    }

    /** The live charts, in {@link ChartCatalog#ALL} order: for tests. */
    List<ChartBuilder.Built> charts() {
        return charts;
    }
}
