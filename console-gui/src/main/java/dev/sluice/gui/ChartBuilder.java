package dev.sluice.gui;

import dev.sluice.api.MetricsSnapshot;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.StandardXYToolTipGenerator;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.RangeType;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Builds a JFreeChart line chart from a {@link ChartDef}. The live view and the PNG export use the
 * same code, each on its own chart and datasets (JFreeChart objects are not thread-safe).
 */
final class ChartBuilder {
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd)
    };
    private static final Color SECONDARY = new Color(0x8c564b);
    /** The experiment report's colours (engine ExperimentCharts): step starts grey, hand-made changes red. */
    private static final Color STEP_LINE = Color.DARK_GRAY;

    private static final Color HAND_LINE = new Color(0xd62728);
    /** Behind a line's label, so a series under it does not garble it. */
    private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 210);

    private ChartBuilder() {}

    /** A chart and its series, in the order of {@link ChartDef#series()}. */
    record Built(ChartDef def, JFreeChart chart, List<XYSeries> series) {

        /** Adds one tick without notifying: the caller fires once per tick (one redraw per tick, however many series changed). */
        void add(MetricsSnapshot s) {
            double x = s.at().toEpochMilli();
            for (int i = 0; i < series.size(); i++) {
                double v = def.series().get(i).valueAt(s);
                series.get(i).add(x, Double.isNaN(v) ? null : v, false);
            }
        }

        /** Tells the datasets they changed; with the chart's notify off, this costs no redraw. */
        void fireSeriesChanged() {
            series.forEach(XYSeries::fireSeriesChanged);
        }

        XYPlot plot() {
            return chart.getXYPlot();
        }
    }

    /** A chart whose series keep at most {@code capacity} items each. */
    static Built build(ChartDef def, int capacity) {
        List<XYSeries> all = new ArrayList<>();
        XYSeriesCollection primary = new XYSeriesCollection();
        XYSeriesCollection secondary = new XYSeriesCollection();
        for (SeriesDef s : def.series()) {
            // not sorted, duplicates allowed: ticks arrive in time order, so add() just appends
            XYSeries series = new XYSeries(s.name(), false, true);
            series.setMaximumItemCount(capacity);
            (s.secondary() ? secondary : primary).addSeries(series);
            all.add(series);
        }
        DateAxis time = new DateAxis();
        time.setDateFormatOverride(new SimpleDateFormat("HH:mm:ss"));
        time.setLowerMargin(0);
        time.setUpperMargin(0);
        NumberAxis values = axis(def.unit());
        XYPlot plot = new XYPlot(primary, time, values, renderer(0, primary.getSeriesCount()));
        if (!def.secondary().isEmpty()) {
            NumberAxis right = axis(def.secondaryUnit());
            plot.setRangeAxis(1, right);
            plot.setDataset(1, secondary);
            plot.mapDatasetToRangeAxis(1, 1);
            XYLineAndShapeRenderer r = renderer(primary.getSeriesCount(), secondary.getSeriesCount());
            for (int i = 0; i < secondary.getSeriesCount(); i++) {
                r.setSeriesPaint(i, SECONDARY);
                r.setSeriesStroke(
                        i,
                        new BasicStroke(
                                1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
            }
            plot.setRenderer(1, r);
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(def.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        setLargeFonts(chart, false);
        return new Built(def, chart, all);
    }

    /** From zero, never negative, and at least 0..1: an idle engine would otherwise get a ±5E-9 axis. */
    private static NumberAxis axis(String unit) {
        NumberAxis axis = new NumberAxis(unit);
        axis.setRangeType(RangeType.POSITIVE);
        axis.setAutoRangeIncludesZero(true);
        axis.setAutoRangeMinimumSize(1.0);
        if (unit.equals("count") || unit.equals("events")) {
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        return axis;
    }

    private static XYLineAndShapeRenderer renderer(int firstColour, int count) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < count; i++) {
            r.setSeriesPaint(i, PALETTE[(firstColour + i) % PALETTE.length]);
            r.setSeriesStroke(i, new BasicStroke(1.8f));
        }
        r.setDefaultToolTipGenerator(new StandardXYToolTipGenerator(
                "{0}: {2} at {1}", new SimpleDateFormat("HH:mm:ss"), new java.text.DecimalFormat("#,##0.##")));
        return r;
    }

    /**
     * Replaces the chart's vertical lines with {@code marks}: a grey line labelled at the top where
     * each step starts, a thin red one labelled at the bottom for each hand-made change (so the two
     * labels do not cover each other when a teacher turns a knob just as a step starts). With
     * {@code fullLabels} (an exported PNG, where nobody can hover) a line carries its whole label;
     * on screen only its tag, as steps a few seconds apart are a few pixels apart.
     */
    static void mark(XYPlot plot, List<ChartMarks.Mark> marks, boolean large, boolean fullLabels) {
        plot.clearDomainMarkers();
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, large ? 15 : 10);
        for (ChartMarks.Mark m : marks) {
            boolean step = m.kind() == ChartMarks.Kind.STEP;
            Color colour = step ? STEP_LINE : HAND_LINE;
            ValueMarker line = new ValueMarker(m.atMillis(), colour, new BasicStroke(step ? 1.2f : 0.8f));
            line.setLabel(fullLabels ? m.label() : m.tag());
            line.setLabelFont(font);
            line.setLabelPaint(colour);
            line.setLabelBackgroundColor(LABEL_BACKGROUND);
            line.setLabelAnchor(step ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.BOTTOM_RIGHT);
            line.setLabelTextAnchor(step ? TextAnchor.TOP_LEFT : TextAnchor.BOTTOM_LEFT);
            plot.addDomainMarker(line, Layer.FOREGROUND);
        }
    }

    /** Projector-sized fonts for classroom mode, or the normal ones. */
    static void setLargeFonts(JFreeChart chart, boolean large) {
        float scale = large ? 1.6f : 1f;
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(14 * scale)));
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(11 * scale)));
        }
        XYPlot plot = chart.getXYPlot();
        List<ValueAxis> axes = new ArrayList<>(List.of(plot.getDomainAxis()));
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            if (plot.getRangeAxis(i) != null) {
                axes.add(plot.getRangeAxis(i));
            }
        }
        for (ValueAxis axis : axes) {
            axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(11 * scale)));
            axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(10 * scale)));
        }
    }
}
