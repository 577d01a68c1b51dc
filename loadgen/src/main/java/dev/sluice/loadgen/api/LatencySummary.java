package dev.sluice.loadgen.api;

/**
 * Latency percentiles of a set of requests, in microseconds (HdrHistogram, 3 significant digits).
 * All zero when there were no requests.
 */
public record LatencySummary(
        long count,
        long p50Micros,
        long p90Micros,
        long p95Micros,
        long p99Micros,
        long p999Micros,
        long maxMicros,
        double meanMicros) {
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);
}
