package dev.sluice.loadgen.report;

import dev.sluice.loadgen.api.Distribution;
import dev.sluice.loadgen.api.LatencySummary;
import dev.sluice.loadgen.api.LoadReport;
import java.util.Locale;

/** The end-of-run summary for a terminal: a headline table, then the details below it. */
public final class SummaryTable {
    static final String NA = "n/a";

    private SummaryTable() {}

    public static String render(LoadReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("\nSummary: ")
                .append(Format.planLine(r.plan()))
                .append(" -> ")
                .append(r.plan().target())
                .append(r.stoppedEarly() ? "  (stopped early)" : "")
                .append('\n');
        String[] head = {"Avg RPS", "events/s", "p50 ms", "p95 ms", "p99 ms", "error rate", "max lag", "recovery"};
        String[] row = {
            Format.number(r.requestsPerSec()),
            Format.number(r.eventsPerSec()),
            Format.millis(r.corrected().p50Micros()),
            Format.millis(r.corrected().p95Micros()),
            Format.millis(r.corrected().p99Micros()),
            Format.percent(r.errorRate()),
            maxLag(r),
            recovery(r)
        };
        StringBuilder top = new StringBuilder();
        StringBuilder line = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < head.length; i++) {
            int w = Math.max(head[i].length(), row[i].length()) + 2;
            top.append(String.format(Locale.ROOT, "%" + w + "s", head[i]));
            line.append("-".repeat(w));
            values.append(String.format(Locale.ROOT, "%" + w + "s", row[i]));
        }
        sb.append(top).append('\n').append(line).append('\n').append(values).append("\n\n");
        detail(
                sb,
                "requests",
                Format.number(r.requests()) + " in " + Format.duration(r.loadDuration()) + "   ok "
                        + Format.number(r.okRequests()) + "   events " + Format.number(r.events()));
        detail(
                sb,
                "errors",
                Format.number(r.errors().total()) + " (" + Format.percent(r.errorRate()) + "): status "
                        + r.errors().status() + ", timeout " + r.errors().timeout() + ", connection "
                        + r.errors().connection()
                        + "   by status " + r.statusCounts());
        detail(sb, "latency ms", latency(r.corrected()) + "   (from intended send time)");
        detail(sb, "uncorrected ms", latency(r.uncorrected()) + "   (from actual write)");
        detail(
                sb,
                "late sends",
                Format.number(r.lateSends()) + " (>10 ms after intended)   never sent "
                        + Format.number(r.missedSends()));
        detail(sb, "events/request", dist(r.eventsPerRequest(), ""));
        detail(sb, "think time", dist(r.thinkMillis(), " ms"));
        detail(sb, "max consumer lag", maxLag(r));
        detail(
                sb,
                "recovery time",
                recovery(r) + (r.maxTargetBacklog().isPresent() ? "   (load stop until backlog 0)" : ""));
        return sb.toString();
    }

    static String maxLag(LoadReport r) {
        return r.maxTargetBacklog().isPresent()
                ? Format.number(r.maxTargetBacklog().getAsLong())
                : NA;
    }

    static String recovery(LoadReport r) {
        return r.recoveryTime()
                .map(Format::duration)
                .orElse(r.maxTargetBacklog().isPresent() ? "not reached" : NA);
    }

    static String latency(LatencySummary l) {
        return "p50 " + Format.millis(l.p50Micros()) + "  p90 " + Format.millis(l.p90Micros()) + "  p95 "
                + Format.millis(l.p95Micros()) + "  p99 " + Format.millis(l.p99Micros()) + "  p99.9 "
                + Format.millis(l.p999Micros()) + "  max " + Format.millis(l.maxMicros());
    }

    static String dist(Distribution d, String unit) {
        if (d.count() == 0) {
            return NA;
        }
        return "min " + Format.number(d.min()) + unit + "  mean " + Format.number(d.mean()) + unit + "  max "
                + Format.number(d.max()) + unit + "  (" + Format.number(d.count()) + " recorded)";
    }

    private static void detail(StringBuilder sb, String name, String value) {
        sb.append(String.format(Locale.ROOT, "  %-17s %s%n", name, value));
    }
}
