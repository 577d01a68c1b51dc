package dev.sluice.engine.experiment;

import dev.sluice.api.LoadSpec;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.Slo;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the snapshots of one step into its {@link StepFigures}. Totals come from differences of the
 * snapshots' counters (exact); percentiles from the ticks' own (HdrHistogram per tick), weighted by
 * what each tick carried, since percentiles of separate ticks cannot be merged exactly.
 *
 * <p>Concurrency: used by the runner's thread only.
 */
final class StepMeasurement {
    private static final String[] ERROR_KINDS = {"http_4xx", "http_429", "http_503", "http_500"};

    private final MetricsSnapshot stepBase;
    private final LoadSpec load;
    private final Slo slo;
    private MetricsSnapshot measureBase;
    private long measureBaseCpu;
    private MetricsSnapshot measureEnd;
    private long measureEndCpu;
    private double weightedP50;
    private double weightedP95;
    private double weightedP99;
    private double latencyWeight;
    private double weightedCommitP99;
    private double commitWeight;
    private long worstClientP99;
    private long clientErrorsAtStart = -1;
    private long clientErrorsAtEnd;
    private long maxLag = -1;

    /** @param stepBase the latest snapshot before the step set its knobs: every earlier event had landed */
    StepMeasurement(MetricsSnapshot stepBase, LoadSpec load, Slo slo) {
        this.stepBase = stepBase;
        this.load = load;
        this.slo = slo;
    }

    /** The snapshot at which the measured time starts, and the process CPU time then. */
    void startMeasuring(MetricsSnapshot s, long cpuNanos) {
        measureBase = s;
        measureBaseCpu = cpuNanos;
        clientErrorsAtStart = s.load().errorsTotal();
        clientErrorsAtEnd = clientErrorsAtStart;
    }

    /** A snapshot of the measured time (after the one {@link #startMeasuring} took). */
    void measured(MetricsSnapshot s, long cpuNanos) {
        MetricsSnapshot.ApiStats api = s.api();
        if (api.requestsPerSec() > 0) {
            weightedP50 += api.latency().p50Micros() * api.requestsPerSec();
            weightedP95 += api.latency().p95Micros() * api.requestsPerSec();
            weightedP99 += api.latency().p99Micros() * api.requestsPerSec();
            latencyWeight += api.requestsPerSec();
        }
        MetricsSnapshot.WorkerStats w = s.workers();
        if (w.rowsPerSec() > 0 && w.acceptToCommit().p99Micros() > 0) {
            weightedCommitP99 += w.acceptToCommit().p99Micros() * w.rowsPerSec();
            commitWeight += w.rowsPerSec();
        }
        worstClientP99 = Math.max(worstClientP99, s.load().p99Micros());
        if (s.load().running()) {
            clientErrorsAtEnd = Math.max(clientErrorsAtEnd, s.load().errorsTotal());
        }
        lag(s);
        measureEnd = s;
        measureEndCpu = cpuNanos;
    }

    /** A snapshot of the recovery: only the lag counts. */
    void recovering(MetricsSnapshot s) {
        lag(s);
    }

    private void lag(MetricsSnapshot s) {
        if (s.stream().lag() >= 0) {
            maxLag = Math.max(maxLag, s.stream().lag());
        }
    }

    /** True once the measured time has at least one tick. */
    boolean hasMeasurement() {
        return measureEnd != null;
    }

    /**
     * The step's figures.
     *
     * @param end      the snapshot that showed the backlog drained (or the last one, if it never did)
     * @param recovery load stop to drained; null when it did not drain in time
     */
    StepFigures figures(MetricsSnapshot end, Duration recovery) {
        double secs = Math.max(
                1e-3, Duration.between(measureBase.at(), measureEnd.at()).toNanos() / 1e9);
        MetricsSnapshot.Totals a = measureBase.totals();
        MetricsSnapshot.Totals b = measureEnd.totals();
        long requests = b.writeRequests() - a.writeRequests();
        long events = b.eventsAccepted() - a.eventsAccepted();
        long serverErrors = 0;
        Map<String, Long> byKind = new TreeMap<>();
        for (String kind : ERROR_KINDS) {
            long n = measureEnd.errors().getOrDefault(kind, 0L)
                    - measureBase.errors().getOrDefault(kind, 0L);
            if (n > 0) {
                byKind.put(kind.replace("http_", ""), n);
                serverErrors += n;
            }
        }
        long clientErrors = Math.max(0, clientErrorsAtEnd - Math.max(0, clientErrorsAtStart));
        // the client also counts what never got an answer (timeouts, refused connections)
        long failed = Math.max(serverErrors, clientErrors);
        StringBuilder which = new StringBuilder();
        byKind.forEach((k, n) -> which.append(which.length() == 0 ? "" : ", ")
                .append(k)
                .append('×')
                .append(n));
        if (clientErrors > serverErrors) {
            which.append(which.length() == 0 ? "" : ", ").append("client×").append(clientErrors - serverErrors);
        }
        double errorRate = requests + Math.max(0, clientErrors - serverErrors) == 0
                ? 0
                : (double) failed / (requests + Math.max(0, clientErrors - serverErrors));
        double rowsPerSec = (b.rowsCommitted() - a.rowsCommitted()) / secs;
        long cpu = measureEndCpu - measureBaseCpu;
        return new StepFigures(
                requests / secs,
                events / secs,
                mean(weightedP50, latencyWeight),
                mean(weightedP95, latencyWeight),
                mean(weightedP99, latencyWeight),
                errorRate,
                which.length() == 0 ? "none" : which.toString(),
                maxLag < 0 ? Double.NaN : maxLag,
                recovery == null ? Double.NaN : recovery.toMillis() / 1000.0,
                rowsPerSec,
                mean(weightedCommitP99, commitWeight),
                events == 0 || cpu <= 0 ? Double.NaN : cpu / 1000.0 / events,
                "open".equals(load.model()) ? load.rate() : Double.NaN,
                worstClientP99 / 1000.0,
                slo.passes(worstClientP99, errorRate),
                end.totals().eventsAccepted() - stepBase.totals().eventsAccepted(),
                end.totals().rowsCommitted() - stepBase.totals().rowsCommitted());
    }

    /** A weighted mean of microsecond values, in milliseconds; NaN without weight. */
    private static double mean(double weightedMicros, double weight) {
        return weight == 0 ? Double.NaN : weightedMicros / weight / 1000.0;
    }
}
