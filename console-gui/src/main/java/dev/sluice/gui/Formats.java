package dev.sluice.gui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number and time formats shared by every panel, so the same figure reads the same everywhere. */
final class Formats {
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    private Formats() {}

    /** A per-second rate: {@code 12,345/s}, {@code 12.5/s} below 100, {@code -} when unknown. */
    static String rate(double perSec) {
        if (!Double.isFinite(perSec) || perSec < 0) {
            return "-";
        }
        return (perSec < 100 ? String.format(Locale.ROOT, "%.1f", perSec) : String.format(Locale.ROOT, "%,.0f", perSec))
                + "/s";
    }

    /** A count with thousands separators; {@code -} when the figure could not be read (negative). */
    /** Bytes as {@code 123 MB} or {@code 1.0 GB}; {@code -} when unknown (negative). */
    static String bytes(long n) {
        if (n < 0) {
            return "-";
        }
        if (n < 1L << 20) {
            return (n >> 10) + " KB";
        }
        if (n < 1L << 30) {
            return (n >> 20) + " MB";
        }
        return String.format(java.util.Locale.ROOT, "%.1f GB", n / (double) (1L << 30));
    }

    static String count(long n) {
        return n < 0 ? "-" : String.format(Locale.ROOT, "%,d", n);
    }

    /** A share 0..1 as a whole percentage, {@code 97%}; {@code -} when unknown (negative). */
    static String percent(double share) {
        return !Double.isFinite(share) || share < 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** Microseconds shown as milliseconds: {@code 0.42 ms}, {@code 12.3 ms}, {@code 1,234 ms}. */
    static String millis(long micros) {
        if (micros < 0) {
            return "-";
        }
        double ms = micros / 1000.0;
        String digits = ms < 10 ? "%.2f" : ms < 100 ? "%.1f" : "%,.0f";
        return String.format(Locale.ROOT, digits, ms) + " ms";
    }

    /** An uptime such as {@code 42s}, {@code 3m 07s} or {@code 2h 03m 07s}. */
    static String uptime(long millis) {
        long s = Math.max(0, millis / 1000);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3600, (s / 60) % 60, s % 60);
    }

    /** Local wall-clock time of day, {@code HH:mm:ss}. */
    static String clock(Instant at) {
        return CLOCK.format(at);
    }

    /** A plain decimal for CSV: dot separator, no grouping, empty when unknown. */
    static String csv(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "";
    }
}
