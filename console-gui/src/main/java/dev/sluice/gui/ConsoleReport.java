package dev.sluice.gui;

import dev.sluice.api.LoadReportFiles;
import dev.sluice.api.MetricsSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The one-click report: the kept time series as {@code ticks.csv}, every chart as a PNG (and all
 * of them in {@code charts.png}), a {@code summary.txt} table and a {@code report.html} that shows
 * them together. File names follow the load generator's report where they mean the same thing.
 * When a load has finished on the engine, the load generator's own report of it (the files
 * {@code ./sluice loadgen --report} writes) goes into {@code load/} and is linked from the page.
 */
final class ConsoleReport {
    static final String CSV = "ticks.csv";
    static final String SUMMARY = "summary.txt";
    static final String HTML = "report.html";
    static final String GRID = "charts.png";
    static final String LOAD_DIR = "load";

    private ConsoleReport() {}

    /** Where the files went. */
    record Written(Path dir, List<Path> files) {}

    /** Writes every file into {@code dir} (created if needed). Blocks; call it off the UI thread. */
    static Written write(List<MetricsSnapshot> ticks, Path dir, String target, Optional<LoadReportFiles> load)
            throws IOException {
        if (ticks.isEmpty()) {
            throw new IOException("no snapshots yet: nothing to report");
        }
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        files.add(Files.writeString(dir.resolve(CSV), TimeSeriesCsv.render(ticks), StandardCharsets.UTF_8));
        String loadLine = loadLine(load, ticks.get(ticks.size() - 1));
        String summary =
                summary(ticks, target) + String.format(Locale.ROOT, "%-26s %s%n", "load generator report", loadLine);
        files.add(Files.writeString(dir.resolve(SUMMARY), summary, StandardCharsets.UTF_8));
        files.add(Files.write(dir.resolve(GRID), ChartImages.grid(ticks)));
        StringBuilder html = new StringBuilder(
                        "<!doctype html><meta charset=\"utf-8\"><title>Sluice console report</title>")
                .append("<body style=\"font-family:sans-serif\"><h1>Sluice console report</h1><pre>")
                .append(escape(summary))
                .append("</pre><p><a href=\"")
                .append(CSV)
                .append("\">")
                .append(CSV)
                .append("</a></p>");
        if (load.isPresent()) {
            Path loadDir = Files.createDirectories(dir.resolve(LOAD_DIR));
            for (Map.Entry<String, byte[]> f : load.get().files().entrySet()) {
                files.add(Files.write(loadDir.resolve(f.getKey()), f.getValue()));
            }
            html.append("<p>The load generator's report of ")
                    .append(escape(load.get().description()))
                    .append(": <a href=\"")
                    .append(LOAD_DIR)
                    .append("/report.html\">")
                    .append(LOAD_DIR)
                    .append("/report.html</a></p>");
        }
        for (ChartDef def : ChartCatalog.ALL) {
            String name = def.id() + ".png";
            files.add(Files.write(dir.resolve(name), ChartImages.png(def, ticks)));
            html.append("<p><img src=\"")
                    .append(name)
                    .append("\" alt=\"")
                    .append(escape(def.title()))
                    .append("\"></p>");
        }
        files.add(Files.writeString(dir.resolve(HTML), html.append("</body>").toString(), StandardCharsets.UTF_8));
        return new Written(dir, files);
    }

    /** Which load generator report came with this one, or why none did. */
    static String loadLine(Optional<LoadReportFiles> load, MetricsSnapshot last) {
        if (load.isPresent()) {
            return LOAD_DIR + "/report.html: " + load.get().description() + ", finished "
                    + load.get().finishedAt();
        }
        return last.load().running()
                ? "none yet: the running load gets one when it stops (stop it, then Report again)"
                : "none: no load has finished on this engine";
    }

    /** A plain-text table of the run: rates (mean and peak), latencies (worst tick), backlog, totals, knobs. */
    static String summary(List<MetricsSnapshot> ticks, String target) {
        MetricsSnapshot first = ticks.get(0);
        MetricsSnapshot last = ticks.get(ticks.size() - 1);
        StringBuilder sb = new StringBuilder();
        line(sb, "engine", target);
        line(
                sb,
                "from",
                first.at() + "  to " + last.at() + "  ("
                        + Formats.uptime(Duration.between(first.at(), last.at()).toMillis()) + ", " + ticks.size()
                        + " ticks)");
        line(sb, "knobs at end", StatusModel.describeKnobs(last));
        line(sb, "load at end", LoadModel.status(last.load()));
        sb.append('\n').append(String.format(Locale.ROOT, "%-26s %14s %14s%n", "", "mean", "peak"));
        meanPeak(sb, "requests/s accepted", ticks, s -> s.api().okPerSec());
        meanPeak(sb, "requests/s rejected", ticks, s -> ChartCatalog.rejected(s.api()));
        meanPeak(sb, "events/s accepted", ticks, s -> s.api().eventsPerSec());
        meanPeak(sb, "rows/s committed", ticks, s -> s.workers().rowsPerSec());
        meanPeak(sb, "rows per flush", ticks, s -> s.workers().meanRowsPerFlush());
        meanPeak(sb, "API p50 ms", ticks, s -> s.api().latency().p50Micros() / 1000.0);
        meanPeak(sb, "API p95 ms", ticks, s -> s.api().latency().p95Micros() / 1000.0);
        meanPeak(sb, "API p99 ms", ticks, s -> s.api().latency().p99Micros() / 1000.0);
        meanPeak(
                sb,
                "accept→commit p99 ms",
                ticks,
                s -> s.workers().acceptToCommit().p99Micros() / 1000.0);
        meanPeak(sb, "consumer lag", ticks, s -> s.stream().lag());
        meanPeak(sb, "backlog", ticks, s -> s.stream().backlog());
        sb.append('\n');
        var a = first.totals();
        var b = last.totals();
        line(
                sb,
                "events accepted",
                Formats.count(b.eventsAccepted() - a.eventsAccepted()) + " in this window, "
                        + Formats.count(b.eventsAccepted()) + " since start");
        line(
                sb,
                "rows committed",
                Formats.count(b.rowsCommitted() - a.rowsCommitted()) + " in this window, "
                        + Formats.count(b.rowsCommitted()) + " since start");
        line(sb, "requests rejected", Formats.count(b.requestsRejected() - a.requestsRejected()) + " in this window");
        line(sb, "dead-lettered", Formats.count(b.deadLettered() - a.deadLettered()) + " in this window");
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, String value) {
        sb.append(String.format(Locale.ROOT, "%-26s %s%n", name, value));
    }

    private static void meanPeak(
            StringBuilder sb, String name, List<MetricsSnapshot> ticks, ToDoubleFunction<MetricsSnapshot> f) {
        double sum = 0;
        double peak = 0;
        int n = 0;
        for (MetricsSnapshot s : ticks) {
            double v = f.applyAsDouble(s);
            if (v >= 0 && Double.isFinite(v)) {
                sum += v;
                peak = Math.max(peak, v);
                n++;
            }
        }
        sb.append(String.format(Locale.ROOT, "%-26s %,14.1f %,14.1f%n", name, n == 0 ? 0 : sum / n, peak));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
