package dev.sluice.engine.experiment;

import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.Mark;
import dev.sluice.api.ExperimentStatus.ResultRow;
import dev.sluice.api.ExperimentStatus.StepMark;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.loadgen.report.Charts;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's PNG charts, headless JFreeChart: the engine's figures over the experiment's time with
 * a labelled line where each step starts (and each hand-made change), and, for a rate search, the
 * client p99 against the offered rate.
 */
final class ExperimentCharts {
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 420;

    private ExperimentCharts() {}

    /** File name to PNG, in display order. */
    static Map<String, byte[]> all(ExperimentStatus s, List<MetricsSnapshot> history) throws IOException {
        Map<String, byte[]> charts = new LinkedHashMap<>();
        Instant t0 = s.startedAt() == null ? history.get(0).at() : s.startedAt();
        List<MetricsSnapshot> during = history.stream()
                .filter(h -> !h.at().isBefore(t0) && (s.endedAt() == null || !h.at().isAfter(s.endedAt())))
                .toList();
        charts.put(
                "throughput.png",
                timeChart(
                        "Throughput",
                        "per second",
                        s,
                        t0,
                        during,
                        Map.of(
                                "requests/s", h -> h.api().requestsPerSec(),
                                "events/s", h -> h.api().eventsPerSec(),
                                "rows/s", h -> h.workers().rowsPerSec())));
        charts.put(
                "latency.png",
                timeChart(
                        "API latency (server side, per tick)",
                        "ms",
                        s,
                        t0,
                        during,
                        Map.of(
                                "p50", h -> h.api().latency().p50Micros() / 1000.0,
                                "p95", h -> h.api().latency().p95Micros() / 1000.0,
                                "p99", h -> h.api().latency().p99Micros() / 1000.0)));
        charts.put(
                "lag.png",
                timeChart(
                        "Consumer lag",
                        "events",
                        s,
                        t0,
                        during,
                        Map.of(
                                "lag",
                                h -> Math.max(0, h.stream().lag()),
                                "backlog",
                                h -> Math.max(0, h.stream().backlog()))));
        if (s.rows().stream().anyMatch(r -> !Double.isNaN(r.value(Columns.OFFERED)))) {
            charts.put("p99-vs-rate.png", rateCurve(s));
        }
        return charts;
    }

    private static byte[] timeChart(
            String title,
            String yLabel,
            ExperimentStatus s,
            Instant t0,
            List<MetricsSnapshot> history,
            Map<String, ToDoubleFunction<MetricsSnapshot>> series)
            throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        series.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            XYSeries xy = new XYSeries(e.getKey());
            history.forEach(h -> xy.add(seconds(t0, h.at()), e.getValue().applyAsDouble(h), false));
            data.addSeries(xy);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(
                title,
                "seconds since the experiment started",
                yLabel,
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        XYPlot plot = Charts.style(chart);
        for (StepMark m : s.steps()) {
            plot.addDomainMarker(
                    marker(seconds(t0, m.startedAt()), (m.index() + 1) + ": " + m.label(), Color.DARK_GRAY));
        }
        for (MetricsSnapshot h : history) {
            for (Mark m : h.experiment().marks()) {
                plot.addDomainMarker(marker(seconds(t0, m.at()), m.label(), new Color(0xd62728)));
            }
        }
        return png(chart);
    }

    private static byte[] rateCurve(ExperimentStatus s) throws IOException {
        XYSeries client = new XYSeries("client p99, worst second (ms)");
        XYSeries api = new XYSeries("API p99 (ms)");
        s.rows().stream()
                .sorted(Comparator.comparingDouble(r -> r.value(Columns.OFFERED)))
                .forEach(r -> {
                    add(client, r, Columns.CLIENT_P99);
                    add(api, r, Columns.P99);
                });
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(client);
        data.addSeries(api);
        JFreeChart chart = ChartFactory.createXYLineChart(
                "p99 against offered rate", "offered req/s", "ms", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = Charts.style(chart);
        // the worst second past the limit is 10-100 times the one below it: a linear axis flattens
        // every rate that passed onto the floor
        LogAxis ms = new LogAxis("ms (log scale)");
        ms.setSmallestValue(0.1);
        ms.setAutoTickUnitSelection(false);
        ms.setTickUnit(new NumberTickUnit(1)); // one decade: ticks at 1, 10, 100 ms…
        ms.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.#"));
        plot.setRangeAxis(ms);
        ((XYLineAndShapeRenderer) plot.getRenderer()).setDefaultShapesVisible(true);
        return png(chart);
    }

    private static void add(XYSeries series, ResultRow r, String column) {
        double v = r.value(column);
        if (!Double.isNaN(v)) {
            series.add(r.value(Columns.OFFERED), v);
        }
    }

    private static ValueMarker marker(double x, String label, Color color) {
        ValueMarker m = new ValueMarker(x, color, new BasicStroke(1f));
        m.setLabel(label);
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        return m;
    }

    private static double seconds(Instant t0, Instant t) {
        return Duration.between(t0, t).toMillis() / 1000.0;
    }

    private static byte[] png(JFreeChart chart) throws IOException {
        return Charts.png(chart, WIDTH, HEIGHT);
    }
}
