package dev.sluice.tui;

import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.ChannelDepth;
import dev.sluice.api.MetricsSnapshot.QueueStats;
import java.util.List;

/**
 * The queue workload ({@code POST /message}, {@code GET /queue/{channel}}) in the workloads view:
 * depth, enqueued, consumed and empty answers per second, enqueue and consume latency, and the
 * deepest channels with a bar against the deepest one.
 *
 * <pre>
 *  Queue  depth 1,530
 *  enqueued/s    1.2k   total 123,456
 *  consumed/s    1.1k   total 120,000
 *  empty/s       12
 *  enqueue p95   3.4ms  p99 12ms · max 40ms
 *  consume p95   850µs  p99 2ms · max 9ms
 *
 *  top channels
 *    jobs        1,200  ██████████████████
 *    mail        300    ████
 *  errors        refused 0 · failed 0
 * </pre>
 */
final class QueuePanel {
    void draw(Canvas c, MetricsSnapshot s) {
        int col = c.text(1, 0, "Queue", Theme.Role.TITLE);
        if (s == null) {
            c.text(1, 1, "-", Theme.Role.DIM);
            return;
        }
        QueueStats q = s.queue();
        if (q.equals(QueueStats.NONE)) {
            c.text(1, 1, "not reported by the engine", Theme.Role.DIM);
            return;
        }
        col = c.text(col + 2, 0, "depth ", Theme.Role.TEXT);
        col = c.text(col, 0, Fmt.count(q.depth()), Theme.Role.TITLE);
        String endpoints = "POST /message · GET /queue/{channel} ";
        if (col + 2 + endpoints.length() <= c.width()) {
            c.right(0, endpoints, Theme.Role.DIM);
        }
        rows(q, c.theme().unicode()).draw(c, 1);
    }

    static FigureRows rows(QueueStats q, boolean unicode) {
        FigureRows rows = new FigureRows()
                .figure(0, "enqueued/s", Fmt.qty(q.enqueuedPerSec()), "total " + Fmt.count(q.enqueuedTotal()))
                .figure(0, "consumed/s", Fmt.qty(q.consumedPerSec()), "total " + Fmt.count(q.consumedTotal()))
                .figure(0, "empty/s", Fmt.qty(q.emptyPerSec()), "GET /queue answered 204")
                .figure(
                        0,
                        "enqueue p95",
                        WorkloadText.p95(q.enqueueLatency(), unicode),
                        WorkloadText.tail(q.enqueueLatency(), unicode))
                .figure(
                        0,
                        "consume p95",
                        WorkloadText.p95(q.consumeLatency(), unicode),
                        WorkloadText.tail(q.consumeLatency(), unicode))
                .blank(4)
                .note(1, "top channels", Theme.Role.DIM);
        List<ChannelDepth> channels = q.topChannels();
        List<Long> depths = channels.stream().map(ChannelDepth::depth).toList();
        for (int i = 0; i < channels.size(); i++) {
            ChannelDepth ch = channels.get(i);
            String name = "  " + Fmt.fit(ch.channel(), FigureRows.VALUE_COL - 4);
            rows.bar(i < 3 ? 1 : 2, name, Fmt.count(ch.depth()), WorkloadText.share(ch.depth(), depths));
        }
        if (channels.isEmpty()) {
            rows.note(1, q.depth() == 0 ? "  none waiting" : "  -", Theme.Role.DIM);
        }
        return rows.figure(
                3,
                "errors",
                WorkloadText.errors(q.refusedTotal(), q.failedTotal()),
                WorkloadText.errorsRole(q.refusedTotal(), q.failedTotal()));
    }
}
