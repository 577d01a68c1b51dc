package dev.sluice.api;

/**
 * The in-engine load generator as its own client sees it, over the last tick.
 *
 * @param running         true while a load runs
 * @param spec            what was asked for (users/rate reflect live changes), or null when idle
 * @param elapsedMillis   time since the load started
 * @param requestsPerSec  requests completed
 * @param eventsPerSec    events sent in completed requests
 * @param p95Micros       client-side latency, corrected for coordinated omission
 * @param p99Micros       likewise
 * @param errors          failed requests in the last tick (any kind)
 * @param errorsTotal     failed requests since the load started
 * @param lastError       a short description of the latest failure, or null
 */
public record LoadStatus(
        boolean running,
        LoadSpec spec,
        long elapsedMillis,
        double requestsPerSec,
        double eventsPerSec,
        long p95Micros,
        long p99Micros,
        long errors,
        long errorsTotal,
        String lastError) {

    public static final LoadStatus IDLE = new LoadStatus(false, null, 0, 0, 0, 0, 0, 0, 0, null);
}
