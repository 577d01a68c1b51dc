package dev.sluice.loadgen.report;

import dev.sluice.loadgen.api.LoadModel;
import dev.sluice.loadgen.api.LoadReport;
import dev.sluice.loadgen.api.LoadTick;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's PNG charts, drawn headless with JFreeChart: requests/s, latency percentiles and,
 * when the target was probed, its backlog. Needs {@code java.awt.headless=true} on machines
 * without a display (the CLI sets it).
 */
public final class Charts {
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 400;
    // readable on white and in grey print: no yellow, darkening as the percentile rises
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0xd62728), new Color(0x7f7f7f)
    };
    private static final BasicStroke LINE = new BasicStroke(2f);
    private static final BasicStroke DASHED =
            new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    private Charts() {}

    /** Requests/s and events/s per tick, and the target rate of an open run. */
    public static byte[] throughput(LoadReport r) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("requests/s", r.ticks(), LoadTick::requestsPerSec));
        if (r.eventsPerRequest().max() != 1 || r.eventsPerRequest().min() != 1) {
            data.addSeries(series("events/s", r.ticks(), LoadTick::eventsPerSec));
        }
        if (r.plan().model() == LoadModel.OPEN) {
            data.addSeries(series("target rate/s", r.ticks(), LoadTick::targetRatePerSec));
        }
        JFreeChart chart = chart("Throughput", "per second", data);
        if (r.plan().model() == LoadModel.OPEN) {
            ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer())
                    .setSeriesStroke(data.getSeriesCount() - 1, DASHED);
        }
        return png(chart);
    }

    /** Corrected p50/p95/p99/p99.9 and uncorrected p99 per tick, in milliseconds. */
    public static byte[] latency(LoadReport r) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("p50", r.ticks(), t -> t.p50Micros() / 1000.0));
        data.addSeries(series("p95", r.ticks(), t -> t.p95Micros() / 1000.0));
        data.addSeries(series("p99", r.ticks(), t -> t.p99Micros() / 1000.0));
        data.addSeries(series("p99.9", r.ticks(), t -> t.p999Micros() / 1000.0));
        data.addSeries(series("p99 uncorrected", r.ticks(), t -> t.p99UncorrectedMicros() / 1000.0));
        JFreeChart chart = chart("Latency (from intended send time)", "ms", data);
        ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setSeriesStroke(4, DASHED);
        return png(chart);
    }

    /** The target's backlog per tick; only meaningful when some tick has a reading. */
    public static byte[] backlog(LoadReport r) throws IOException {
        XYSeries s = new XYSeries("backlog");
        for (LoadTick t : r.ticks()) {
            if (t.hasTargetBacklog()) {
                s.add(t.second(), t.targetBacklog());
            }
        }
        return png(chart("Consumer lag (target backlog)", "events", new XYSeriesCollection(s)));
    }

    /** True when the report has backlog readings to chart. */
    public static boolean hasBacklog(LoadReport r) {
        return r.ticks().stream().anyMatch(LoadTick::hasTargetBacklog);
    }

    private static XYSeries series(String name, List<LoadTick> ticks, ToDoubleFunction<LoadTick> value) {
        XYSeries s = new XYSeries(name);
        for (LoadTick t : ticks) {
            s.add(t.second(), value.applyAsDouble(t), false);
        }
        return s;
    }

    private static JFreeChart chart(String title, String yLabel, XYSeriesCollection data) {
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, "second", yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = style(chart);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return chart;
    }

    /**
     * The look of every Sluice chart, on an XY line chart: white, light grid, the palette and 2 px
     * lines for each series of its dataset. Returns its plot.
     */
    public static XYPlot style(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        chart.setBackgroundPaint(Color.WHITE);
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, LINE);
        }
        return plot;
    }

    private static byte[] png(JFreeChart chart) throws IOException {
        return png(chart, WIDTH, HEIGHT);
    }

    /** {@code chart} as a PNG of {@code width} x {@code height} pixels. */
    public static byte[] png(JFreeChart chart, int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(out, chart, width, height);
        return out.toByteArray();
    }
}
