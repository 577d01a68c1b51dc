package dev.sluice.engine.experiment;

import dev.sluice.api.ExperimentStatus.Cell;
import dev.sluice.api.ExperimentStatus.ResultRow;
import java.util.List;

/**
 * One step's measured figures, before they become a row. Rates and latencies cover the measured
 * time; max lag covers it and the recovery; events accepted and rows landed cover the whole step
 * (warm-up and recovery included), so they agree with what the step put in PostgreSQL.
 *
 * @param requestsPerSec       {@code POST /write} answered per second
 * @param eventsPerSec         events accepted per second
 * @param p50Millis            server-side latency, the ticks' request-weighted mean
 * @param p95Millis            likewise
 * @param p99Millis            likewise
 * @param errorRate            requests answered with an error over requests answered, 0..1
 * @param errors               which errors, e.g. {@code "429×120, 503×2"}, or {@code "none"}
 * @param maxLag               most events waiting for a worker in any tick; NaN when unknown
 * @param recoverySeconds      load stop to an empty backlog; NaN when it did not drain in time
 * @param rowsPerSec           rows committed per second
 * @param commitP99Millis      accept→commit p99, the ticks' row-weighted mean; NaN when no row went through a worker
 * @param cpuMicrosPerEvent    the engine process' CPU time over events accepted
 * @param offeredRate          the open model's target rate; NaN for the closed model
 * @param clientWorstP99Millis the load generator's corrected p99 in its worst tick
 * @param sloPassed            whether the step met the SLO
 * @param eventsAccepted       events answered 202 during the step
 * @param rowsLanded           rows committed during the step
 */
record StepFigures(
        double requestsPerSec,
        double eventsPerSec,
        double p50Millis,
        double p95Millis,
        double p99Millis,
        double errorRate,
        String errors,
        double maxLag,
        double recoverySeconds,
        double rowsPerSec,
        double commitP99Millis,
        double cpuMicrosPerEvent,
        double offeredRate,
        double clientWorstP99Millis,
        boolean sloPassed,
        long eventsAccepted,
        long rowsLanded) {

    /** The row with {@code columns} (checked by {@link Columns#check}), in that order. */
    ResultRow row(String label, List<String> columns) {
        return new ResultRow(label, columns.stream().map(this::cell).toList());
    }

    private Cell cell(String column) {
        return switch (column) {
            case Columns.AVG_RPS -> Columns.number(column, requestsPerSec);
            case Columns.EVENTS_PER_SEC -> Columns.number(column, eventsPerSec);
            case Columns.P50 -> Columns.number(column, p50Millis);
            case Columns.P95 -> Columns.number(column, p95Millis);
            case Columns.P99 -> Columns.number(column, p99Millis);
            case Columns.ERROR_RATE -> Columns.number(column, errorRate * 100);
            case Columns.ERRORS -> Cell.text(column, errors);
            case Columns.MAX_LAG -> Columns.number(column, maxLag);
            case Columns.RECOVERY -> Columns.number(column, recoverySeconds);
            case Columns.ROWS_PER_SEC -> Columns.number(column, rowsPerSec);
            case Columns.COMMIT_P99 -> Columns.number(column, commitP99Millis);
            case Columns.CPU_PER_EVENT -> Columns.number(column, cpuMicrosPerEvent);
            case Columns.OFFERED -> Columns.number(column, offeredRate);
            case Columns.CLIENT_P99 -> Columns.number(column, clientWorstP99Millis);
            case Columns.SLO -> Cell.text(column, sloPassed ? "pass" : "fail");
            case Columns.EVENTS_ACCEPTED -> Columns.number(column, eventsAccepted);
            case Columns.ROWS_LANDED -> Columns.number(column, rowsLanded);
            default -> throw new IllegalArgumentException("unknown column '" + column + "'");
        };
    }
}
