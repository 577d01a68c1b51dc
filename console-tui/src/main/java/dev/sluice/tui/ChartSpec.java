package dev.sluice.tui;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What one chart plots: a title, how its values read, and its series (drawn in order, so the
 * most important goes last and stays on top).
 */
record ChartSpec(String title, Unit unit, List<Series> series) {

    /** How values of a chart are written on its axis and legend. */
    enum Unit {
        RATE,
        MICROS,
        COUNT
    }

    /** One line of a chart. */
    record Series(String name, ToDoubleFunction<Sample> metric, Theme.Role role) {}

    /** The console's four charts, in layout order. */
    static List<ChartSpec> standard() {
        return List.of(
                new ChartSpec(
                        "Requests/s",
                        Unit.RATE,
                        List.of(
                                new Series("ok", Sample::okPerSec, Theme.Role.SERIES_A),
                                new Series("err", Sample::errorsPerSec, Theme.Role.BAD))),
                new ChartSpec(
                        "Latency",
                        Unit.MICROS,
                        List.of(
                                new Series("p50", Sample::p50Micros, Theme.Role.SERIES_B),
                                new Series("p95", Sample::p95Micros, Theme.Role.SERIES_C),
                                new Series("p99", Sample::p99Micros, Theme.Role.SERIES_D))),
                new ChartSpec(
                        "Stream",
                        Unit.COUNT,
                        List.of(
                                new Series("backlog", Sample::backlog, Theme.Role.SERIES_B),
                                new Series("lag", Sample::lag, Theme.Role.SERIES_C))),
                new ChartSpec(
                        "Rows/s committed",
                        Unit.RATE,
                        List.of(new Series("rows", Sample::rowsPerSec, Theme.Role.SERIES_A))));
    }

    String format(double v, boolean unicode) {
        return unit == Unit.MICROS ? Fmt.micros(v, unicode) : Fmt.qty(v);
    }
}
