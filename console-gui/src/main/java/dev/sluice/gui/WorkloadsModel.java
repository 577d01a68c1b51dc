package dev.sluice.gui;

import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.ChannelDepth;
import dev.sluice.api.MetricsSnapshot.ItemsStats;
import dev.sluice.api.MetricsSnapshot.Latency;
import dev.sluice.api.MetricsSnapshot.QueueStats;
import java.util.ArrayList;
import java.util.List;

/**
 * The workloads tab's view-model: the labels of the queue workload ({@code POST /message},
 * {@code GET /queue/{channel}}) and of the items workload ({@code POST /items}, {@code GET /items}
 * from the Redis response cache) for one snapshot. A figure the engine could not read ({@code -1})
 * and a latency nothing was measured for read {@code -}. No JavaFX types.
 */
final class WorkloadsModel {
    /** Shown when the snapshot carries no figures for a workload (an engine that does not report it). */
    static final String NOT_REPORTED = "not reported by the engine";

    static final String WAITING = "waiting for the first snapshot";

    private WorkloadsModel() {}

    /**
     * One of the deepest channels.
     *
     * @param share its depth against the deepest channel's, 0..1, for the bar beside it
     */
    record Channel(String name, String depth, double share) {}

    /**
     * The queue section's text.
     *
     * @param note     why there are no figures, or "" when there are
     * @param channels the deepest channels, deepest first (at most five)
     * @param failing  some request failed (5xx) since start: the errors label takes the alarm colour
     */
    record Queue(
            String note,
            String depth,
            String enqueued,
            String consumed,
            String empty,
            String enqueueLatency,
            String consumeLatency,
            List<Channel> channels,
            String errors,
            boolean failing) {
        static Queue empty(String note) {
            return new Queue(note, "-", "-", "-", "-", "-", "-", List.of(), "-", false);
        }
    }

    /**
     * The items section's text.
     *
     * @param note    why there are no figures, or "" when there are
     * @param hits    pages served from the cache against pages served, since start
     * @param failing some request failed (5xx) since start
     */
    record Items(
            String note,
            String posted,
            String landed,
            String pageReads,
            String itemReads,
            String hitRatio,
            String hits,
            String readLatency,
            String rows,
            String backlog,
            String errors,
            boolean failing) {
        static Items empty(String note) {
            return new Items(note, "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", false);
        }
    }

    static Queue queue(MetricsSnapshot s) {
        if (s == null) {
            return Queue.empty(WAITING);
        }
        QueueStats q = s.queue();
        if (q.equals(QueueStats.NONE)) {
            return Queue.empty(NOT_REPORTED);
        }
        long deepest =
                q.topChannels().stream().mapToLong(ChannelDepth::depth).max().orElse(0);
        List<Channel> channels = new ArrayList<>();
        for (ChannelDepth c : q.topChannels()) {
            double share = deepest <= 0 || c.depth() <= 0 ? 0 : (double) c.depth() / deepest;
            channels.add(new Channel(c.channel(), Formats.count(c.depth()), share));
        }
        return new Queue(
                "",
                Formats.count(q.depth()),
                rateAndTotal(q.enqueuedPerSec(), q.enqueuedTotal()),
                rateAndTotal(q.consumedPerSec(), q.consumedTotal()),
                Formats.rate(q.emptyPerSec()),
                latency(q.enqueueLatency()),
                latency(q.consumeLatency()),
                List.copyOf(channels),
                errors(q.refusedTotal(), q.failedTotal()),
                q.failedTotal() > 0);
    }

    static Items items(MetricsSnapshot s) {
        if (s == null) {
            return Items.empty(WAITING);
        }
        ItemsStats it = s.items();
        if (it.equals(ItemsStats.NONE)) {
            return Items.empty(NOT_REPORTED);
        }
        String hits = it.pageReadsTotal() <= 0
                ? "no page served yet"
                : Formats.count(it.cacheHitsTotal()) + " of " + Formats.count(it.pageReadsTotal())
                        + " pages from the cache since start";
        return new Items(
                "",
                rateAndTotal(it.postedPerSec(), it.postedTotal()),
                rateAndTotal(it.landedPerSec(), it.landedTotal()),
                rateAndTotal(it.pageReadsPerSec(), it.pageReadsTotal()),
                Formats.rate(it.itemReadsPerSec()),
                Formats.percent(it.hitRatio()),
                hits,
                latency(it.readLatency()),
                Formats.count(it.rows()),
                Formats.count(it.backlog()),
                errors(it.refusedTotal(), it.failedTotal()),
                it.failedTotal() > 0);
    }

    /** {@code p95 3.40 ms · p50 1.10 ms · p99 12.0 ms · max 40.0 ms}, p95 first; {@code -} when nothing was measured. */
    static String latency(Latency l) {
        if (l == null || l.equals(Latency.NONE)) {
            return "-";
        }
        return "p95 " + Formats.millis(l.p95Micros()) + " · p50 " + Formats.millis(l.p50Micros()) + " · p99 "
                + Formats.millis(l.p99Micros()) + " · max " + Formats.millis(l.maxMicros());
    }

    private static String rateAndTotal(double perSec, long total) {
        return Formats.rate(perSec) + " · " + Formats.count(total) + " since start";
    }

    private static String errors(long refused, long failed) {
        return "refused " + Formats.count(refused) + " (4xx) · failed " + Formats.count(failed) + " (5xx)";
    }
}
