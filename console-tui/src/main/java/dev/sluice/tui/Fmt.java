package dev.sluice.tui;

import java.time.Duration;
import java.util.Locale;

/**
 * Short, fixed-style renderings of the figures a console shows: rates ({@code 12.3k}), counts
 * ({@code 12,345}), latencies from microseconds ({@code 3.4ms}) and durations ({@code 1:02:03}).
 * Pure functions; every panel uses them so the same figure reads the same everywhere.
 */
final class Fmt {
    private Fmt() {}

    /** A rate or other non-negative quantity in at most 5 characters: 0, 12, 123, 1.2k, 12.3k, 123k, 1.23M. */
    static String qty(double v) {
        if (Double.isNaN(v) || v < 0) {
            return "-";
        }
        if (v < 10 && Math.abs(v - Math.rint(v)) >= 0.05) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (v < 1_000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v < 1_000_000) {
            return scaled(v / 1_000, "k");
        }
        if (v < 1_000_000_000) {
            return scaled(v / 1_000_000, "M");
        }
        return scaled(v / 1_000_000_000, "G");
    }

    private static String scaled(double v, String unit) {
        if (v < 10) {
            return String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.?0+$", "") + unit;
        }
        if (v < 100) {
            return String.format(Locale.ROOT, "%.1f", v).replaceAll("\\.0$", "") + unit;
        }
        return String.format(Locale.ROOT, "%.0f", v) + unit;
    }

    /** A byte size as Redis memory is read: 512KB, 123MB, 1.0GB; {@code -} when unknown (negative). */
    static String bytes(long n) {
        if (n < 0) {
            return "-";
        }
        if (n < 1L << 20) {
            return (n >> 10) + "KB";
        }
        if (n < 1L << 30) {
            return (n >> 20) + "MB";
        }
        return String.format(Locale.ROOT, "%.1fGB", n / (double) (1L << 30));
    }

    /** An exact count with thousands separators; {@code -} for the engine's "could not read" (-1). */
    static String count(long n) {
        return n < 0 ? "-" : String.format(Locale.ROOT, "%,d", n);
    }

    /** A latency given in microseconds: 850µs, 3.4ms, 120ms, 1.25s ({@code us} when not unicode). */
    static String micros(double us, boolean unicode) {
        if (Double.isNaN(us) || us < 0) {
            return "-";
        }
        if (us < 1_000) {
            return String.format(Locale.ROOT, "%.0f", us) + (unicode ? "µs" : "us");
        }
        if (us < 1_000_000) {
            double ms = us / 1_000;
            return (ms < 10 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.0f", ms)) + "ms";
        }
        return String.format(Locale.ROOT, "%.2f", us / 1_000_000).replaceAll("\\.?0+$", "") + "s";
    }

    /** A knob interval: 1ms, 100ms, 2.5s. */
    static String interval(Duration d) {
        long ms = d.toMillis();
        if (ms < 1_000) {
            return ms + "ms";
        }
        return String.format(Locale.ROOT, "%.2f", ms / 1000.0).replaceAll("\\.?0+$", "") + "s";
    }

    /** An elapsed time as {@code m:ss} under an hour, {@code h:mm:ss} under a day, then {@code Nd hh:mm}. */
    static String elapsed(long millis) {
        long s = Math.max(0, millis) / 1_000;
        long d = s / 86_400;
        long h = (s / 3_600) % 24;
        long m = (s / 60) % 60;
        long sec = s % 60;
        if (d > 0) {
            return String.format(Locale.ROOT, "%dd %02d:%02d", d, h, m);
        }
        if (h > 0) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec);
        }
        return String.format(Locale.ROOT, "%d:%02d", m, sec);
    }

    /** A span for a chart's time axis: 45s, 1m04s, 10m. */
    static String span(long millis) {
        long s = Math.round(millis / 1000.0);
        if (s < 60) {
            return s + "s";
        }
        long m = s / 60;
        long rest = s % 60;
        return rest == 0 ? m + "m" : String.format(Locale.ROOT, "%dm%02ds", m, rest);
    }

    /** A share 0..1 as a whole percentage. */
    static String percent(double share) {
        return Double.isNaN(share) || share < 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** {@code text} cut to {@code width} columns, ending in {@code ~} when something was cut. */
    static String fit(String text, int width) {
        if (width <= 0) {
            return "";
        }
        if (text.length() <= width) {
            return text;
        }
        return width == 1 ? text.substring(0, 1) : text.substring(0, width - 1) + "~";
    }
}
