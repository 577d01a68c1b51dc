package dev.sluice.loadgen.report;

import dev.sluice.loadgen.api.LoadReport;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One self-contained HTML page: the summary table, the details and the charts embedded as base64
 * PNGs, so the file can be mailed or attached to a ticket on its own.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /** @param charts file name to PNG bytes, in display order */
    public static String render(LoadReport r, Map<String, byte[]> charts, String csvName, String jsonName) {
        Map<String, String> head = new LinkedHashMap<>();
        head.put("Avg RPS", Format.number(r.requestsPerSec()));
        head.put("events/s", Format.number(r.eventsPerSec()));
        head.put("p50 ms", Format.millis(r.corrected().p50Micros()));
        head.put("p95 ms", Format.millis(r.corrected().p95Micros()));
        head.put("p99 ms", Format.millis(r.corrected().p99Micros()));
        head.put("error rate", Format.percent(r.errorRate()));
        head.put("max consumer lag", SummaryTable.maxLag(r));
        head.put("recovery time", SummaryTable.recovery(r));
        StringBuilder sb = page("Sluice load report", "");
        sb.append("<h1>Load report</h1>\n<p>")
                .append(esc(Format.planLine(r.plan())))
                .append(" &rarr; ")
                .append(esc(r.plan().target().toString()))
                .append("<br>started ")
                .append(esc(r.startedAt().toString()))
                .append(r.stoppedEarly() ? " (stopped early)" : "")
                .append("</p>\n<table><tr>");
        head.keySet().forEach(k -> sb.append("<th>").append(esc(k)).append("</th>"));
        sb.append("</tr><tr>");
        head.values().forEach(v -> sb.append("<td>").append(esc(v)).append("</td>"));
        sb.append("</tr></table>\n<table>\n");
        row(
                sb,
                "requests",
                Format.number(r.requests()) + " in " + Format.duration(r.loadDuration()) + ", ok "
                        + Format.number(r.okRequests()) + ", events " + Format.number(r.events()));
        row(
                sb,
                "errors",
                "status " + r.errors().status() + ", timeout " + r.errors().timeout() + ", connection "
                        + r.errors().connection() + "; by status " + r.statusCounts());
        row(sb, "latency (corrected) ms", SummaryTable.latency(r.corrected()));
        row(sb, "latency (uncorrected) ms", SummaryTable.latency(r.uncorrected()));
        row(sb, "late / never sent", Format.number(r.lateSends()) + " / " + Format.number(r.missedSends()));
        row(sb, "events per request", SummaryTable.dist(r.eventsPerRequest(), ""));
        row(sb, "think time", SummaryTable.dist(r.thinkMillis(), " ms"));
        sb.append("</table>\n");
        images(sb, charts);
        sb.append("<p>Per-second series: <a href=\"")
                .append(esc(csvName))
                .append("\">")
                .append(esc(csvName))
                .append("</a>; summary: <a href=\"")
                .append(esc(jsonName))
                .append("\">")
                .append(esc(jsonName))
                .append("</a>.</p>\n</body></html>\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String k, String v) {
        sb.append("<tr><td class=\"k\">")
                .append(esc(k))
                .append("</td><td class=\"k\">")
                .append(esc(v))
                .append("</td></tr>\n");
    }

    /**
     * The start of a Sluice report page, up to and including {@code <body>}: the doctype, {@code
     * title} and the style every report shares (tables, cells, images), then {@code extraCss}.
     */
    public static StringBuilder page(String title, String extraCss) {
        return new StringBuilder(8192)
                .append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title))
                .append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}th{background:#f3f3f3}")
                .append("td.k{text-align:left}img{display:block;margin:1em 0;max-width:100%}")
                .append(extraCss)
                .append("</style></head><body>\n");
    }

    /** Each chart as a PNG embedded in the page (base64), named by its file name. */
    public static void images(StringBuilder sb, Map<String, byte[]> charts) {
        charts.forEach((name, png) -> sb.append("<img alt=\"")
                .append(esc(name))
                .append("\" title=\"")
                .append(esc(name))
                .append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png))
                .append("\">\n"));
    }

    /** {@code s} as HTML text or attribute value. */
    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
