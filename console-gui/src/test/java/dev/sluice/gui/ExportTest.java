package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.LoadReportFiles;
import dev.sluice.api.MetricsSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTest {

    private static List<MetricsSnapshot> run(int ticks) {
        List<MetricsSnapshot> out = new ArrayList<>();
        for (int i = 1; i <= ticks; i++) {
            out.add(Snapshots.tick(i)
                    .ok(1000 + i)
                    .rejected(0, i % 3, 0)
                    .latency(2_000 + i * 10, 40_000)
                    .lag(200, 100)
                    .rows(9000, 450)
                    .totals(i * 1000L, i * 990L, 0)
                    .build());
        }
        return out;
    }

    @Test
    void csv_has_one_row_per_tick_and_every_charted_figure() {
        String csv = TimeSeriesCsv.render(run(3));
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(4);
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header)
                .startsWith("time", "seq", "state")
                .contains(
                        "accepted_per_sec",
                        "rejected_per_sec",
                        "api_p99_ms",
                        "commit_p99_ms",
                        "lag",
                        "backlog",
                        "rows_per_sec",
                        "mean_rows_per_flush",
                        "dead_lettered_total");
        assertThat(header).doesNotHaveDuplicates();
        String[] row = lines.get(1).split(",", -1);
        assertThat(row).hasSize(header.size());
        assertThat(row[header.indexOf("accepted_per_sec")]).isEqualTo("1001.000");
        assertThat(row[header.indexOf("api_p99_ms")]).isEqualTo("2.010");
        assertThat(row[header.indexOf("mode")]).isEqualTo("stream-copy");
    }

    @Test
    void report_writes_csv_charts_summary_and_html(@TempDir Path dir) throws Exception {
        ConsoleReport.Written w = ConsoleReport.write(run(30), dir.resolve("r"), "embedded · test", Optional.empty());
        assertThat(w.files())
                .extracting(p -> p.getFileName().toString())
                .contains("ticks.csv", "summary.txt", "charts.png", "requests.png", "backlog.png", "report.html");
        var grid = ImageIO.read(dir.resolve("r/charts.png").toFile());
        assertThat(grid.getWidth()).isEqualTo(2 * ChartImages.WIDTH);
        String summary = Files.readString(dir.resolve("r/summary.txt"));
        assertThat(summary)
                .contains("requests/s accepted")
                .contains("1,015.5")
                .contains("1,030.0")
                .contains("29,000 in this window");
        assertThat(Files.readString(dir.resolve("r/report.html"))).contains("<img src=\"rows.png\"");
        assertThat(summary).contains("none: no load has finished on this engine");
        assertThat(dir.resolve("r/load")).doesNotExist();
    }

    @Test
    void report_carries_the_load_generators_report_of_the_last_load(@TempDir Path dir) throws Exception {
        byte[] page = "<html>loadgen</html>".getBytes(StandardCharsets.UTF_8);
        var load = new LoadReportFiles(
                "firehose with 4 users",
                Instant.parse("2026-11-22T08:00:00Z"),
                Map.of("report.html", page, "summary.json", "{}".getBytes(StandardCharsets.UTF_8)));
        ConsoleReport.write(run(10), dir.resolve("r"), "embedded · test", Optional.of(load));
        assertThat(dir.resolve("r/load/report.html")).hasBinaryContent(page);
        assertThat(dir.resolve("r/load/summary.json")).hasContent("{}");
        assertThat(Files.readString(dir.resolve("r/summary.txt")))
                .contains("load/report.html: firehose with 4 users, finished 2026-11-22T08:00:00Z");
        assertThat(Files.readString(dir.resolve("r/report.html"))).contains("<a href=\"load/report.html\">");
    }
}
