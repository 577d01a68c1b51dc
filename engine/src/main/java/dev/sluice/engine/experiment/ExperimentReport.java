package dev.sluice.engine.experiment;

import static dev.sluice.loadgen.report.HtmlReport.esc;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.Cell;
import dev.sluice.api.ExperimentStatus.ResultRow;
import dev.sluice.api.ExperimentStatus.StepMark;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.control.ControlJson;
import dev.sluice.loadgen.report.HtmlReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code --report DIR}: {@code results.csv} (the table), {@code results.json} (the experiment's last
 * status: steps, times, rows), PNG charts, and {@code report.html}, one self-contained page with the
 * steps side by side and the charts embedded, each step marked on the time charts.
 */
public final class ExperimentReport {
    private ExperimentReport() {}

    /** Writes the files; answers the HTML page's path. */
    public static Path write(Path dir, ExperimentStatus s, String description, List<MetricsSnapshot> history)
            throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.csv"), csv(s), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.json"), json(s), StandardCharsets.UTF_8);
        Map<String, byte[]> charts = history.isEmpty() ? Map.of() : ExperimentCharts.all(s, history);
        for (Map.Entry<String, byte[]> c : charts.entrySet()) {
            Files.write(dir.resolve(c.getKey()), c.getValue());
        }
        Path html = dir.resolve("report.html");
        Files.writeString(html, html(s, description, charts), StandardCharsets.UTF_8);
        return html;
    }

    static String csv(ExperimentStatus s) {
        StringBuilder sb = new StringBuilder("step");
        if (!s.rows().isEmpty()) {
            for (Cell c : s.rows().get(0).cells()) {
                sb.append(',').append(quote(c.unit().isEmpty() ? c.column() : c.column() + " (" + c.unit() + ")"));
            }
        }
        sb.append('\n');
        for (ResultRow r : s.rows()) {
            sb.append(quote(r.step()));
            for (Cell c : r.cells()) {
                sb.append(',')
                        .append(quote(
                                !c.text().isEmpty() ? c.text() : Double.isNaN(c.value()) ? "" : plain(c.value())));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String quote(String v) {
        return v.contains(",") || v.contains("\"") ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    private static String json(ExperimentStatus s) throws JsonProcessingException {
        return ControlJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(s) + "\n";
    }

    static String html(ExperimentStatus s, String description, Map<String, byte[]> charts) {
        StringBuilder sb = HtmlReport.page(
                s.title() + " - Sluice experiment",
                ".steps{display:flex;gap:1em;flex-wrap:wrap}.step{border:1px solid #ccc;padding:.5em 1em;min-width:12em}");
        sb.append("<h1>")
                .append(esc(s.title()))
                .append("</h1>\n<p>")
                .append(esc(s.name()))
                .append(", ")
                .append(s.pace() == null ? "full" : s.pace().label())
                .append(" pace, ")
                .append(esc(s.state().name().toLowerCase()))
                .append(
                        s.startedAt() == null
                                ? ""
                                : ", started " + esc(s.startedAt().toString()))
                .append("</p>\n");
        if (!description.isEmpty()) {
            sb.append("<p>").append(esc(description)).append("</p>\n");
        }
        sb.append("<h2>Results</h2>\n<table id=\"results\"><tr><th>step</th>");
        if (!s.rows().isEmpty()) {
            for (Cell c : s.rows().get(0).cells()) {
                sb.append("<th>")
                        .append(esc(c.column()))
                        .append(c.unit().isEmpty() ? "" : " " + esc(c.unit()))
                        .append("</th>");
            }
        }
        sb.append("</tr>\n");
        for (ResultRow r : s.rows()) {
            sb.append("<tr><td class=\"k\">").append(esc(r.step())).append("</td>");
            r.cells().forEach(c -> sb.append("<td>").append(esc(c.formatted())).append("</td>"));
            sb.append("</tr>\n");
        }
        sb.append("</table>\n<p>").append(esc(ResultTable.warmUpLine(s))).append("</p>\n");
        if (!s.summary().isEmpty()) {
            sb.append("<p><strong>").append(esc(s.summary())).append("</strong></p>\n");
        }
        sb.append("<h2>Steps</h2>\n<div class=\"steps\">\n");
        for (StepMark m : s.steps()) {
            sb.append("<div class=\"step\"><h3>")
                    .append(m.index() + 1)
                    .append(". ")
                    .append(esc(m.label()))
                    .append("</h3><p>")
                    .append(esc(m.title()))
                    .append("<br>started ")
                    .append(esc(String.valueOf(m.startedAt())))
                    .append("<br>measured from ")
                    .append(esc(String.valueOf(m.measureFrom())))
                    .append("<br>ended ")
                    .append(esc(String.valueOf(m.endedAt())))
                    .append("</p></div>\n");
        }
        sb.append(
                "</div>\n<h2>Charts</h2>\n<p>A grey line marks where each step starts; a red one a knob changed by hand.</p>\n");
        HtmlReport.images(sb, charts);
        sb.append("<p>Files: ")
                .append(List.of("results.csv", "results.json").stream()
                        .map(f -> "<a href=\"" + f + "\">" + f + "</a>")
                        .collect(Collectors.joining(", ")))
                .append(".</p>\n</body></html>\n");
        return sb.toString();
    }
}
