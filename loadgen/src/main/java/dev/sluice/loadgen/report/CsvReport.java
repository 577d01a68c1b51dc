package dev.sluice.loadgen.report;

import dev.sluice.loadgen.api.LoadTick;
import java.util.List;
import java.util.Locale;

/** The per-tick time series as CSV: one header line, one row per tick, latencies in milliseconds. */
public final class CsvReport {
    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of(
            "second",
            "state",
            "requests_per_sec",
            "events_per_sec",
            "p50_ms",
            "p90_ms",
            "p95_ms",
            "p99_ms",
            "p999_ms",
            "max_ms",
            "p99_uncorrected_ms",
            "status_errors",
            "timeout_errors",
            "connection_errors",
            "late_sends",
            "in_flight",
            "users",
            "target_rate",
            "target_backlog");

    private CsvReport() {}

    public static String render(List<LoadTick> ticks) {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (LoadTick t : ticks) {
            sb.append(t.second())
                    .append(',')
                    .append(t.state().name().toLowerCase(Locale.ROOT))
                    .append(',')
                    .append(fmt(t.requestsPerSec()))
                    .append(',')
                    .append(fmt(t.eventsPerSec()))
                    .append(',')
                    .append(ms(t.p50Micros()))
                    .append(',')
                    .append(ms(t.p90Micros()))
                    .append(',')
                    .append(ms(t.p95Micros()))
                    .append(',')
                    .append(ms(t.p99Micros()))
                    .append(',')
                    .append(ms(t.p999Micros()))
                    .append(',')
                    .append(ms(t.maxMicros()))
                    .append(',')
                    .append(ms(t.p99UncorrectedMicros()))
                    .append(',')
                    .append(t.errors().status())
                    .append(',')
                    .append(t.errors().timeout())
                    .append(',')
                    .append(t.errors().connection())
                    .append(',')
                    .append(t.lateSends())
                    .append(',')
                    .append(t.inFlight())
                    .append(',')
                    .append(t.users())
                    .append(',')
                    .append(fmt(t.targetRatePerSec()))
                    .append(',')
                    .append(t.hasTargetBacklog() ? Long.toString(t.targetBacklog()) : "")
                    .append('\n');
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }
}
