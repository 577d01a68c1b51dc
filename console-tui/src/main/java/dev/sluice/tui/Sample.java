package dev.sluice.tui;

import dev.sluice.api.MetricsSnapshot;

/**
 * The figures the charts plot, taken from one snapshot. A figure the engine could not read that
 * tick ({@code -1}) stays negative and is drawn as a gap.
 *
 * @param atMillis      when the snapshot was taken, epoch millis
 * @param okPerSec      POST /write answered 2xx
 * @param errorsPerSec  POST /write answered 4xx, 429 or 5xx
 * @param p50Micros     server-side write latency
 * @param p95Micros     likewise
 * @param p99Micros     likewise
 * @param lag           stream events not yet delivered to a worker
 * @param backlog       stream events not yet committed (lag plus pending)
 * @param rowsPerSec    rows committed to PostgreSQL
 */
record Sample(
        long atMillis,
        double okPerSec,
        double errorsPerSec,
        double p50Micros,
        double p95Micros,
        double p99Micros,
        double lag,
        double backlog,
        double rowsPerSec) {

    static Sample of(MetricsSnapshot s) {
        MetricsSnapshot.ApiStats api = s.api();
        MetricsSnapshot.Latency lat = api.latency() == null ? MetricsSnapshot.Latency.NONE : api.latency();
        return new Sample(
                s.at().toEpochMilli(),
                api.okPerSec(),
                api.clientErrorsPerSec() + api.throttledPerSec() + api.serverErrorsPerSec(),
                lat.p50Micros(),
                lat.p95Micros(),
                lat.p99Micros(),
                s.stream().lag(),
                s.stream().backlog(),
                s.workers().rowsPerSec());
    }
}
