package dev.sluice.loadgen.report;

import dev.sluice.loadgen.api.LoadModel;
import dev.sluice.loadgen.api.LoadPlan;
import java.time.Duration;
import java.util.Locale;

/** Number and duration formatting shared by the terminal, CSV, JSON and HTML outputs. */
public final class Format {
    private Format() {}

    /** Microseconds as milliseconds: 3 decimals below 1 ms, 1 below 100 ms, none above. */
    public static String millis(long micros) {
        double ms = micros / 1000.0;
        if (ms < 1) {
            return String.format(Locale.ROOT, "%.3f", ms);
        }
        return String.format(Locale.ROOT, ms < 100 ? "%.1f" : "%.0f", ms);
    }

    /** A count or rate with thousands separators and at most one decimal. */
    public static String number(double v) {
        return String.format(Locale.ROOT, v == Math.rint(v) || Math.abs(v) >= 1000 ? "%,.0f" : "%,.1f", v);
    }

    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }

    /** {@code 1m30s}-style, to the tenth of a second. */
    public static String duration(Duration d) {
        long tenths = d.toMillis() / 100;
        long s = tenths / 10;
        if (s < 60) {
            return String.format(Locale.ROOT, "%d.%ds", s, tenths % 10);
        }
        return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    /** "firehose, closed 64 users, 30.0s" */
    public static String planLine(LoadPlan p) {
        String load = p.model() == LoadModel.OPEN
                ? "open " + number(p.initialLoad()) + " req/s"
                : "closed " + number(p.initialLoad()) + " users";
        String stages = p.stages().isEmpty() ? "" : " (" + p.stages().size() + " stages)";
        return p.profile() + ", " + load + stages + ", " + duration(p.duration()) + ", " + p.connections()
                + " connections, seed " + p.seed();
    }
}
