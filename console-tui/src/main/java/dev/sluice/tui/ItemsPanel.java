package dev.sluice.tui;

import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.ItemsStats;
import dev.sluice.tui.KeyMap.Command;

/**
 * The items workload ({@code POST /items} through its stream, {@code GET /items} pages from the
 * Redis response cache) in the workloads view: posted, landed and read rates, the cache hit
 * ratio, read latency, rows and backlog. Its title carries the key to the next view.
 *
 * <pre>
 *  Items                                 w nodes
 *  posted/s      120    total 45,000
 *  landed/s      118    total 44,990
 *  page reads/s  800    total 300,000
 *  item reads/s  310
 *  hit ratio     97%    291,000 of 300,000 pages
 *  read p95      1.2ms  p99 3.1ms · max 12ms
 *  rows          44,990
 *  backlog       10
 * </pre>
 */
final class ItemsPanel {
    private final KeyMap keys;

    ItemsPanel(KeyMap keys) {
        this.keys = keys;
    }

    void draw(Canvas c, MetricsSnapshot s) {
        int col = c.text(1, 0, "Items", Theme.Role.TITLE);
        String key = keys.labelOf(Command.VIEW) + " " + DashboardModel.View.WORKLOADS.next(false).label + " ";
        String endpoints = "POST /items · GET /items";
        boolean reported = s != null && !s.items().equals(ItemsStats.NONE);
        if (reported && col + 2 + endpoints.length() + 2 + key.length() <= c.width()) {
            c.text(col + 2, 0, endpoints, Theme.Role.DIM);
        }
        c.right(0, key, Theme.Role.KEY);
        if (s == null) {
            c.text(1, 1, "-", Theme.Role.DIM);
        } else if (!reported) {
            c.text(1, 1, "not reported by the engine", Theme.Role.DIM);
        } else {
            rows(s.items(), c.theme().unicode()).draw(c, 1);
        }
    }

    static FigureRows rows(ItemsStats it, boolean unicode) {
        return new FigureRows()
                .figure(0, "posted/s", Fmt.qty(it.postedPerSec()), "total " + Fmt.count(it.postedTotal()))
                .figure(0, "landed/s", Fmt.qty(it.landedPerSec()), "total " + Fmt.count(it.landedTotal()))
                .figure(0, "page reads/s", Fmt.qty(it.pageReadsPerSec()), "total " + Fmt.count(it.pageReadsTotal()))
                .figure(0, "item reads/s", Fmt.qty(it.itemReadsPerSec()))
                .figure(
                        0,
                        "hit ratio",
                        Fmt.percent(it.hitRatio()),
                        it.pageReadsTotal() > 0
                                ? WorkloadText.hits(it.cacheHitsTotal(), it.pageReadsTotal())
                                : new String[0])
                .figure(
                        0,
                        "read p95",
                        WorkloadText.p95(it.readLatency(), unicode),
                        WorkloadText.tail(it.readLatency(), unicode))
                .figure(0, "rows", Fmt.count(it.rows()))
                .figure(0, "backlog", Fmt.count(it.backlog()), "posted, not yet committed")
                .blank(4)
                .figure(
                        3,
                        "errors",
                        WorkloadText.errors(it.refusedTotal(), it.failedTotal()),
                        WorkloadText.errorsRole(it.refusedTotal(), it.failedTotal()));
    }
}
