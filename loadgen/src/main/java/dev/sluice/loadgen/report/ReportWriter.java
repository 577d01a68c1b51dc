package dev.sluice.loadgen.report;

import dev.sluice.loadgen.api.LoadReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a finished run's files into one directory: {@code ticks.csv}, {@code summary.json},
 * {@code requests.png}, {@code latency.png}, {@code backlog.png} (when the target was probed) and
 * {@code report.html}, which embeds the charts.
 */
public final class ReportWriter {
    public static final String CSV = "ticks.csv";
    public static final String JSON = "summary.json";
    public static final String HTML = "report.html";

    private ReportWriter() {
    }

    /** Where the files went. */
    public record Written(Path dir, Path csv, Path json, Path html, List<Path> charts) {
    }

    /** Creates {@code dir} if needed and writes every file; existing files of the same names are replaced. */
    public static Written write(LoadReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path csv = Files.writeString(dir.resolve(CSV), CsvReport.render(report.ticks()), StandardCharsets.UTF_8);
        Path json = Files.writeString(dir.resolve(JSON), JsonReport.render(report), StandardCharsets.UTF_8);
        Map<String, byte[]> charts = new LinkedHashMap<>();
        charts.put("requests.png", Charts.throughput(report));
        charts.put("latency.png", Charts.latency(report));
        if (Charts.hasBacklog(report)) {
            charts.put("backlog.png", Charts.backlog(report));
        }
        List<Path> pngs = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : charts.entrySet()) {
            pngs.add(Files.write(dir.resolve(e.getKey()), e.getValue()));
        }
        Path html = Files.writeString(dir.resolve(HTML), HtmlReport.render(report, charts, CSV, JSON), StandardCharsets.UTF_8);
        return new Written(dir, csv, json, html, pngs);
    }
}
