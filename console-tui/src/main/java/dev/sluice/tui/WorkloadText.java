package dev.sluice.tui;

import dev.sluice.api.MetricsSnapshot.Latency;
import java.util.List;

/**
 * The words of the workload panels: latencies with {@code -} when nothing was measured, the
 * errors line, and each channel's share of the deepest one. Pure functions.
 */
final class WorkloadText {
    private WorkloadText() {}

    /** The p95 of {@code l}; {@code -} when nothing was measured this tick (all zero). */
    static String p95(Latency l, boolean unicode) {
        return measured(l) ? Fmt.micros(l.p95Micros(), unicode) : "-";
    }

    /** What follows a p95 when there is room: {@code p99 12ms · max 40ms}, then {@code p99 12ms}. */
    static String[] tail(Latency l, boolean unicode) {
        if (!measured(l)) {
            return new String[0];
        }
        String p99 = "p99 " + Fmt.micros(l.p99Micros(), unicode);
        return new String[] {p99 + " · max " + Fmt.micros(l.maxMicros(), unicode), p99};
    }

    static boolean measured(Latency l) {
        return l != null && !l.equals(Latency.NONE);
    }

    /** {@code refused 3 · failed 0}, then {@code 4xx 3 · 5xx 0} for narrow panels: answers since start. */
    static List<String> errors(long refused, long failed) {
        return List.of(
                "refused " + Fmt.count(refused) + " · failed " + Fmt.count(failed),
                "4xx " + Fmt.qty(refused) + " · 5xx " + Fmt.qty(failed));
    }

    /** The alarm colour when anything failed (5xx), the warning colour when anything was refused. */
    static Theme.Role errorsRole(long refused, long failed) {
        return failed > 0 ? Theme.Role.BAD : refused > 0 ? Theme.Role.WARN : Theme.Role.DIM;
    }

    /** {@code 4,850 of 5,000 pages since start}, then shorter forms, for the hit ratio's detail. */
    static String[] hits(long hitsTotal, long pagesTotal) {
        String of = Fmt.count(hitsTotal) + " of " + Fmt.count(pagesTotal);
        String brief = Fmt.qty(hitsTotal) + " of " + Fmt.qty(pagesTotal);
        return new String[] {
            of + " pages since start", of + " pages", brief + " pages", Fmt.qty(hitsTotal) + "/" + Fmt.qty(pagesTotal)
        };
    }

    /** {@code depth} against the deepest of {@code depths}: 0..1, 0 when nothing waits. */
    static double share(long depth, List<Long> depths) {
        long max = depths.stream().mapToLong(Long::longValue).max().orElse(0);
        return max <= 0 || depth <= 0 ? 0 : (double) depth / max;
    }
}
