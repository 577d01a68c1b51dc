package dev.sluice.loadgen;

import dev.sluice.loadgen.api.ErrorCounts;
import dev.sluice.loadgen.api.LoadPlan;
import dev.sluice.loadgen.api.LoadReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** Builds the final {@link LoadReport} once the ticker has stopped and the counters are still. */
final class ReportAssembler {
    private final LoadPlan plan;
    private final Measurements m;
    private final TickBuilder ticks;

    ReportAssembler(LoadPlan plan, Measurements m, TickBuilder ticks) {
        this.plan = plan;
        this.m = m;
        this.ticks = ticks;
    }

    LoadReport assemble(
            Instant startedAt,
            Duration loadDuration,
            OptionalLong maxBacklog,
            Optional<Duration> recoveryTime,
            boolean stoppedEarly) {
        Measurements.Totals t = m.totals();
        double seconds = Math.max(1e-3, loadDuration.toNanos() / 1e9);
        return new LoadReport(
                plan,
                startedAt,
                loadDuration,
                t.requests(),
                t.ok(),
                t.events(),
                new ErrorCounts(t.statusErrors(), t.timeouts(), t.connectionErrors()),
                m.statusCounts(),
                t.lateSends(),
                m.missedSends(),
                t.requests() / seconds,
                t.events() / seconds,
                ticks.corrected(),
                ticks.uncorrected(),
                m.eventsPerRequest.snapshot(),
                m.thinkMillis.snapshot(),
                maxBacklog,
                recoveryTime,
                ticks.ticks(),
                stoppedEarly);
    }
}
