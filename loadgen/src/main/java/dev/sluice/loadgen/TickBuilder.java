package dev.sluice.loadgen;

import dev.sluice.loadgen.api.ErrorCounts;
import dev.sluice.loadgen.api.LatencySummary;
import dev.sluice.loadgen.api.LoadState;
import dev.sluice.loadgen.api.LoadTick;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Turns the running counters into one {@link LoadTick} per call: deltas against the previous
 * totals, the recorders' interval histograms for the tick's percentiles, and those same intervals
 * added into whole-run histograms for the report.
 *
 * <p>Concurrency: used by the {@code loadgen-ticker} thread only; the report is read from it after
 * that thread has terminated.
 */
final class TickBuilder {
    /** A day of one-second ticks; a longer run keeps its first day in the series (the totals stay exact). */
    static final int MAX_TICKS = 86_400;

    private final Measurements m;
    private final Histogram runCorrected = new Histogram(3);
    private final Histogram runUncorrected = new Histogram(3);
    private final List<LoadTick> ticks = new ArrayList<>();
    private final Histogram intervalCorrected = new Histogram(3);
    private final Histogram intervalUncorrected = new Histogram(3);
    private Measurements.Totals previous = Measurements.Totals.ZERO;
    private long previousNanos;
    private long second;

    TickBuilder(Measurements m, long startNanos) {
        this.m = m;
        this.previousNanos = startNanos;
    }

    LoadTick next(long nowNanos, LoadState state, int users, double targetRate, long backlog) {
        m.intervals(intervalCorrected, intervalUncorrected);
        runCorrected.add(intervalCorrected);
        runUncorrected.add(intervalUncorrected);
        Measurements.Totals now = m.totals();
        Measurements.Totals d = now.minus(previous);
        double seconds = Math.max(1e-3, (nowNanos - previousNanos) / 1e9);
        previous = now;
        previousNanos = nowNanos;
        Histogram h = intervalCorrected;
        boolean any = h.getTotalCount() > 0;
        LoadTick tick = new LoadTick(
                ++second,
                state,
                d.requests() / seconds,
                d.events() / seconds,
                any ? h.getValueAtPercentile(50) : 0,
                any ? h.getValueAtPercentile(90) : 0,
                any ? h.getValueAtPercentile(95) : 0,
                any ? h.getValueAtPercentile(99) : 0,
                any ? h.getValueAtPercentile(99.9) : 0,
                any ? h.getMaxValue() : 0,
                any ? intervalUncorrected.getValueAtPercentile(99) : 0,
                new ErrorCounts(d.statusErrors(), d.timeouts(), d.connectionErrors()),
                d.lateSends(),
                m.inFlight(),
                users,
                targetRate,
                backlog);
        if (ticks.size() < MAX_TICKS) {
            ticks.add(tick);
        }
        return tick;
    }

    List<LoadTick> ticks() {
        return ticks;
    }

    LatencySummary corrected() {
        return summary(runCorrected);
    }

    LatencySummary uncorrected() {
        return summary(runUncorrected);
    }

    static LatencySummary summary(Histogram h) {
        if (h.getTotalCount() == 0) {
            return LatencySummary.EMPTY;
        }
        return new LatencySummary(
                h.getTotalCount(),
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(90),
                h.getValueAtPercentile(95),
                h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9),
                h.getMaxValue(),
                h.getMean());
    }
}
