package dev.sluice.gui;

import dev.sluice.api.MetricsSnapshot;
import java.util.function.ToDoubleFunction;

/**
 * One line on a chart and one column in the CSV.
 *
 * @param name      legend label, e.g. {@code p99}
 * @param column    CSV column name, e.g. {@code api_p99_ms}
 * @param value     reads the figure from a snapshot; a negative figure means "not read this tick"
 * @param secondary drawn against the chart's right-hand axis
 */
record SeriesDef(String name, String column, ToDoubleFunction<MetricsSnapshot> value, boolean secondary) {

    static SeriesDef of(String name, String column, ToDoubleFunction<MetricsSnapshot> value) {
        return new SeriesDef(name, column, value, false);
    }

    /** The figure for {@code s}, or NaN when the engine could not read it (drawn as a gap). */
    double valueAt(MetricsSnapshot s) {
        double v = value.applyAsDouble(s);
        return v < 0 || !Double.isFinite(v) ? Double.NaN : v;
    }
}
