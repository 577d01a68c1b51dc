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

    private ReportWriter() {}

    /** Where the files went. */
    public record Written(Path dir, Path csv, Path json, Path html, List<Path> charts) {}

    /** Creates {@code dir} if needed and writes every file; existing files of the same names are replaced. */
    public static Written write(LoadReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, byte[]> files = render(report);
        List<Path> pngs = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path written = Files.write(dir.resolve(e.getKey()), e.getValue());
            if (e.getKey().endsWith(".png")) {
                pngs.add(written);
            }
        }
        return new Written(dir, dir.resolve(CSV), dir.resolve(JSON), dir.resolve(HTML), pngs);
    }

    /**
     * Every file of the report by name, in writing order, without touching the disk: for a caller
     * that ships the report elsewhere (the engine's control API serves it to remote consoles).
     */
    public static Map<String, byte[]> render(LoadReport report) throws IOException {
        Map<String, byte[]> charts = new LinkedHashMap<>();
        charts.put("requests.png", Charts.throughput(report));
        charts.put("latency.png", Charts.latency(report));
        if (Charts.hasBacklog(report)) {
            charts.put("backlog.png", Charts.backlog(report));
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(CSV, CsvReport.render(report.ticks()).getBytes(StandardCharsets.UTF_8));
        files.put(JSON, JsonReport.render(report).getBytes(StandardCharsets.UTF_8));
        files.putAll(charts);
        files.put(HTML, HtmlReport.render(report, charts, CSV, JSON).getBytes(StandardCharsets.UTF_8));
        return files;
    }
}
