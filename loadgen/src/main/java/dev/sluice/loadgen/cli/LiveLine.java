package dev.sluice.loadgen.cli;

import dev.sluice.loadgen.api.LoadTick;
import dev.sluice.loadgen.report.Format;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The live line per tick on the terminal, with the column header again every 20 lines so it stays
 * in sight while the lines scroll.
 *
 * <p>Concurrency: called on {@code loadgen-ticker} only; {@link PrintStream} serialises the writes.
 */
final class LiveLine implements Consumer<LoadTick> {
    static final int HEADER_EVERY = 20;
    static final String HEADER = String.format(
            Locale.ROOT,
            "%5s %-10s %7s %9s %9s %10s %8s %8s %8s %8s %8s %8s %6s %6s %6s %9s",
            "sec",
            "state",
            "users",
            "target/s",
            "req/s",
            "events/s",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "p99.9",
            "max ms",
            "p99 unc",
            "errors",
            "late",
            "infl",
            "backlog");

    private final PrintStream out;
    private int lines;

    LiveLine(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(LoadTick t) {
        if (lines++ % HEADER_EVERY == 0) {
            out.println(HEADER);
        }
        // a closed run has no target rate and an open one no users: "-" rather than a misleading 0
        boolean open = t.targetRatePerSec() > 0 || t.users() == 0;
        out.println(String.format(
                Locale.ROOT,
                "%5d %-10s %7s %9s %9s %10s %8s %8s %8s %8s %8s %8s %6d %6d %6d %9s",
                t.second(),
                t.state().name().toLowerCase(Locale.ROOT),
                open ? "-" : Integer.toString(t.users()),
                open ? Format.number(t.targetRatePerSec()) : "-",
                Format.number(t.requestsPerSec()),
                Format.number(t.eventsPerSec()),
                Format.millis(t.p50Micros()),
                Format.millis(t.p95Micros()),
                Format.millis(t.p99Micros()),
                Format.millis(t.p999Micros()),
                Format.millis(t.maxMicros()),
                Format.millis(t.p99UncorrectedMicros()),
                t.errors().total(),
                t.lateSends(),
                t.inFlight(),
                t.hasTargetBacklog() ? Format.number(t.targetBacklog()) : "n/a"));
        out.flush();
    }
}
