package dev.sluice.gui;

import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.ApiStats;
import java.util.List;

/** The console's charts, in screen order (two columns). */
final class ChartCatalog {
    static final ChartDef REQUESTS = new ChartDef(
            "requests",
            "Requests/s: accepted vs rejected",
            "requests/s",
            null,
            List.of(
                    SeriesDef.of("accepted", "accepted_per_sec", s -> s.api().okPerSec()),
                    SeriesDef.of("rejected", "rejected_per_sec", s -> rejected(s.api()))));

    static final ChartDef API_LATENCY = new ChartDef(
            "api-latency",
            "API latency (receipt → 202)",
            "ms",
            null,
            List.of(
                    SeriesDef.of("p50", "api_p50_ms", s -> s.api().latency().p50Micros() / 1000.0),
                    SeriesDef.of("p95", "api_p95_ms", s -> s.api().latency().p95Micros() / 1000.0),
                    SeriesDef.of("p99", "api_p99_ms", s -> s.api().latency().p99Micros() / 1000.0)));

    static final ChartDef COMMIT_LATENCY = new ChartDef(
            "commit-latency",
            "Accept → commit latency",
            "ms",
            null,
            List.of(
                    SeriesDef.of(
                            "p50",
                            "commit_p50_ms",
                            s -> s.workers().acceptToCommit().p50Micros() / 1000.0),
                    SeriesDef.of(
                            "p95",
                            "commit_p95_ms",
                            s -> s.workers().acceptToCommit().p95Micros() / 1000.0),
                    SeriesDef.of(
                            "p99",
                            "commit_p99_ms",
                            s -> s.workers().acceptToCommit().p99Micros() / 1000.0)));

    static final ChartDef BACKLOG = new ChartDef(
            "backlog",
            "Consumer lag and backlog",
            "events",
            null,
            List.of(
                    SeriesDef.of("backlog", "backlog", s -> s.stream().backlog()),
                    SeriesDef.of("lag", "lag", s -> s.stream().lag()),
                    SeriesDef.of("pending", "pending", s -> s.stream().pending())));

    static final ChartDef ROWS = new ChartDef(
            "rows",
            "Rows committed/s and mean rows per flush",
            "rows/s",
            "rows/flush",
            List.of(
                    SeriesDef.of("rows/s", "rows_per_sec", s -> s.workers().rowsPerSec()),
                    new SeriesDef(
                            "rows/flush",
                            "mean_rows_per_flush",
                            s -> s.workers().meanRowsPerFlush(),
                            true)));

    static final ChartDef POOL = new ChartDef(
            "pool",
            "Workers and PostgreSQL pool",
            "count",
            null,
            List.of(
                    SeriesDef.of("workers", "workers", s -> s.workers().count()),
                    SeriesDef.of("busy", "busy_workers", s -> s.workers().busy()),
                    SeriesDef.of("pool active", "pool_active", s -> s.pool().active()),
                    SeriesDef.of("pool waiting", "pool_waiting", s -> s.pool().waiting())));

    static final List<ChartDef> ALL = List.of(REQUESTS, API_LATENCY, ROWS, COMMIT_LATENCY, BACKLOG, POOL);

    private ChartCatalog() {}

    /** Everything answered but not accepted: 4xx, 429 and 5xx. */
    static double rejected(ApiStats api) {
        return api.clientErrorsPerSec() + api.throttledPerSec() + api.serverErrorsPerSec();
    }

    /** Convenience for tests and the banner: accepted requests/s of one snapshot. */
    static double accepted(MetricsSnapshot s) {
        return s.api().okPerSec();
    }
}
