package dev.sluice.tui;

import dev.sluice.api.MetricsSnapshot;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Engine figures the charts do not carry, for terminals wide enough to have room: stream depth,
 * PostgreSQL pool, accept-to-commit latency, totals and errors by kind.
 */
final class StatsPanel {

    void draw(Canvas c, MetricsSnapshot s) {
        c.text(1, 0, "Engine", Theme.Role.TITLE);
        if (s == null) {
            return;
        }
        boolean unicode = c.theme().unicode();
        MetricsSnapshot.StreamStats st = s.stream();
        line(
                c,
                1,
                "stream",
                "backlog " + Fmt.count(st.backlog()) + " · pending " + Fmt.count(st.pending()) + " · lag "
                        + Fmt.count(st.lag()) + " · dead " + Fmt.count(st.deadLetteredTotal()));
        MetricsSnapshot.PoolStats p = s.pool();
        line(
                c,
                2,
                "pool",
                "active " + p.active() + " · idle " + p.idle() + " · waiting " + p.waiting() + " · logs ≈"
                        + Fmt.qty(p.logsRowsEstimate()) + " rows");
        MetricsSnapshot.Latency l = s.workers().acceptToCommit();
        if (l != null) {
            line(
                    c,
                    3,
                    "commit",
                    "p50 " + Fmt.micros(l.p50Micros(), unicode) + " · p95 " + Fmt.micros(l.p95Micros(), unicode)
                            + " · p99 " + Fmt.micros(l.p99Micros(), unicode)
                            + " · " + Fmt.qty(s.workers().flushesPerSec()) + " flushes/s");
        }
        MetricsSnapshot.Totals t = s.totals();
        line(
                c,
                4,
                "totals",
                "accepted " + Fmt.count(t.eventsAccepted()) + " · committed " + Fmt.count(t.rowsCommitted())
                        + " · rejected " + Fmt.count(t.requestsRejected()));
        StringJoiner errors = new StringJoiner(" · ");
        for (Map.Entry<String, Long> e : s.errors().entrySet()) {
            if (e.getValue() != null && e.getValue() > 0) {
                errors.add(e.getKey() + " " + Fmt.count(e.getValue()));
            }
        }
        c.text(1, 5, "errors", Theme.Role.TEXT);
        c.text(
                9,
                5,
                errors.length() == 0 ? "none" : errors.toString(),
                errors.length() == 0 ? Theme.Role.DIM : Theme.Role.BAD);
    }

    private static void line(Canvas c, int r, String label, String value) {
        c.text(1, r, label, Theme.Role.TEXT);
        c.text(9, r, value, Theme.Role.TEXT);
    }
}
