package dev.sluice.gui;

import dev.sluice.api.MetricsSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The console's time series as CSV: one row per tick, every charted figure plus knobs, totals and
 * the load generator's own view. Latencies in milliseconds; an unreadable figure is an empty cell.
 */
final class TimeSeriesCsv {
    private static final List<String> LEADING = List.of(
            "time",
            "seq",
            "state",
            "knob_workers",
            "batch_size",
            "flush_interval_ms",
            "mode",
            "paused",
            "requests_per_sec",
            "events_per_sec");
    private static final List<String> TRAILING = List.of(
            "load_running",
            "load_profile",
            "load_requests_per_sec",
            "load_p99_ms",
            "load_errors_total",
            "accepted_total",
            "committed_total",
            "rejected_total",
            "dead_lettered_total");

    private TimeSeriesCsv() {}

    /** The header, in column order. */
    static List<String> columns() {
        List<String> all = new ArrayList<>(LEADING);
        ChartCatalog.ALL.forEach(c -> c.series().forEach(s -> all.add(s.column())));
        all.addAll(TRAILING);
        return all;
    }

    static String render(List<MetricsSnapshot> ticks) {
        StringBuilder sb = new StringBuilder(String.join(",", columns())).append('\n');
        for (MetricsSnapshot s : ticks) {
            StringJoiner row = new StringJoiner(",");
            var k = s.knobs();
            row.add(s.at().toString())
                    .add(Long.toString(s.seq()))
                    .add(s.state().name())
                    .add(Integer.toString(k.workers()))
                    .add(Integer.toString(k.batchSize()))
                    .add(Long.toString(k.flushInterval().toMillis()))
                    .add(k.mode().label())
                    .add(Boolean.toString(k.paused()))
                    .add(Formats.csv(s.api().requestsPerSec()))
                    .add(Formats.csv(s.api().eventsPerSec()));
            for (ChartDef chart : ChartCatalog.ALL) {
                for (SeriesDef series : chart.series()) {
                    row.add(Formats.csv(series.valueAt(s)));
                }
            }
            var load = s.load();
            var t = s.totals();
            row.add(Boolean.toString(load.running()))
                    .add(load.spec() == null ? "" : load.spec().profile())
                    .add(Formats.csv(load.requestsPerSec()))
                    .add(Formats.csv(load.p99Micros() / 1000.0))
                    .add(Long.toString(load.errorsTotal()))
                    .add(Long.toString(t.eventsAccepted()))
                    .add(Long.toString(t.rowsCommitted()))
                    .add(Long.toString(t.requestsRejected()))
                    .add(Long.toString(t.deadLettered()));
            sb.append(row).append('\n');
        }
        return sb.toString();
    }
}
