package dev.sluice.loadgen.api;

/**
 * What the generator saw during one tick (normally one second; the last one may be shorter).
 * Rates are per second of the tick's real length. Latencies are in microseconds and, except
 * {@code p99UncorrectedMicros}, measured from each request's intended send time (corrected for
 * coordinated omission); percentiles are 0 in a tick without answers.
 *
 * @param second               1 for the first tick after start, counting up
 * @param state                the generator's state when the tick closed
 * @param requestsPerSec       answers (any status) per second
 * @param eventsPerSec         events in 2xx-answered requests per second
 * @param p99UncorrectedMicros p99 measured from when the request was actually written
 * @param errors               errors during this tick
 * @param lateSends            requests written more than 10 ms after their intended time this tick
 * @param inFlight             requests written and not yet answered when the tick closed
 * @param users                virtual users (closed model; 0 in an open run)
 * @param targetRatePerSec     the rate asked for (open model; 0 in a closed run)
 * @param targetBacklog        the target's backlog from its {@link TargetProbe}, -1 when unknown
 */
public record LoadTick(
        long second,
        LoadState state,
        double requestsPerSec,
        double eventsPerSec,
        long p50Micros,
        long p90Micros,
        long p95Micros,
        long p99Micros,
        long p999Micros,
        long maxMicros,
        long p99UncorrectedMicros,
        ErrorCounts errors,
        long lateSends,
        int inFlight,
        int users,
        double targetRatePerSec,
        long targetBacklog) {

    /** True when {@link #targetBacklog} holds a reading. */
    public boolean hasTargetBacklog() {
        return targetBacklog >= 0;
    }
}
