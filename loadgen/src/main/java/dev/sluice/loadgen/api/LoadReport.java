package dev.sluice.loadgen.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The outcome of a finished run.
 *
 * @param plan             the plan as started
 * @param startedAt        wall-clock start
 * @param loadDuration     from start until the last in-flight request ended (or timed out)
 * @param requests         answered or failed requests (every request that was written)
 * @param okRequests       answered with 2xx
 * @param events           events in 2xx-answered requests
 * @param errors           failures by kind
 * @param statusCounts     answers by HTTP status
 * @param lateSends        requests written more than 10 ms after their intended time
 * @param missedSends      open model: requests whose intended time had come but that were never
 *                         written before load stopped (the target was too slow to take them)
 * @param requestsPerSec   {@code requests / loadDuration}
 * @param eventsPerSec     {@code events / loadDuration}
 * @param corrected        latency from the intended send time (coordinated omission corrected)
 * @param uncorrected      latency from the actual write
 * @param eventsPerRequest events per written request
 * @param thinkMillis      closed model: measured pauses between an answer and the user's next request
 * @param maxTargetBacklog highest backlog the {@link TargetProbe} reported; empty without a probe
 * @param recoveryTime     load stop until the backlog first read 0; empty without a probe or when it
 *                         did not reach 0 in time
 * @param ticks            the per-tick series, oldest first (recovery ticks included)
 * @param stoppedEarly     true when {@link LoadGenerator#stop()} ended the run before its duration
 */
public record LoadReport(
        LoadPlan plan,
        Instant startedAt,
        Duration loadDuration,
        long requests,
        long okRequests,
        long events,
        ErrorCounts errors,
        Map<Integer, Long> statusCounts,
        long lateSends,
        long missedSends,
        double requestsPerSec,
        double eventsPerSec,
        LatencySummary corrected,
        LatencySummary uncorrected,
        Distribution eventsPerRequest,
        Distribution thinkMillis,
        OptionalLong maxTargetBacklog,
        Optional<Duration> recoveryTime,
        List<LoadTick> ticks,
        boolean stoppedEarly) {

    public LoadReport {
        statusCounts = Map.copyOf(statusCounts);
        ticks = List.copyOf(ticks);
    }

    /** Errors of any kind over written requests, 0..1; 0 when nothing was written. */
    public double errorRate() {
        return requests == 0 ? 0 : (double) errors.total() / requests;
    }

    /**
     * The errors in one line, by kind and by HTTP status, e.g.
     * {@code "2 errors: status 1 (503 x1), timeout 0, connection 1"}; what a failed check should print.
     */
    public String errorSummary() {
        StringBuilder sb = new StringBuilder()
                .append(errors.total())
                .append(errors.total() == 1 ? " error" : " errors")
                .append(": status ")
                .append(errors.status());
        String failedStatuses = statusCounts.entrySet().stream()
                .filter(e -> e.getKey() < 200 || e.getKey() > 299)
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " x" + e.getValue())
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
        if (!failedStatuses.isEmpty()) {
            sb.append(" (").append(failedStatuses).append(')');
        }
        return sb.append(", timeout ")
                .append(errors.timeout())
                .append(", connection ")
                .append(errors.connection())
                .append(" of ")
                .append(requests)
                .append(" requests")
                .toString();
    }
}
