package dev.sluice.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of every Sluice command line and environment variable: a number with
 * a unit ({@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 30d} (days of 24 h), combined as {@code 1m30s}), or
 * ISO-8601 ({@code PT2S}). A bare number is refused: {@code 100} could mean milliseconds or
 * seconds, and a guess that is off by a thousand is worse than a one-line error.
 */
public final class Durations {
    /** What the error messages offer as examples. */
    public static final String EXAMPLES = "250ms, 2s, 5m, 1h, 1m30s or PT2S";

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
    private static final Pattern BARE = Pattern.compile("\\d+");

    private Durations() {}

    /**
     * Parses one duration; zero is allowed, negative ones are not (ranges are the caller's to check).
     *
     * @param what the setting, for the message: {@code --flush-interval} or {@code SLUICE_TICK}
     * @throws IllegalArgumentException one line naming {@code what}, the bad value and an example
     */
    public static Duration parse(String what, String raw) {
        String s = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (BARE.matcher(s).matches()) {
            throw new IllegalArgumentException(
                    what + " needs a unit, e.g. " + s + "ms or " + s + "s, was '" + raw + "'");
        }
        if (s.startsWith("p")) {
            return iso(what, raw, s);
        }
        if (!WHOLE.matcher(s).matches()) {
            throw new IllegalArgumentException(
                    what + " must be a duration such as " + EXAMPLES + ", was '" + raw + "'");
        }
        Duration d = Duration.ZERO;
        Matcher m = PART.matcher(s);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(
                    switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "d" -> Duration.ofDays(n);
                        default -> Duration.ofHours(n);
                    });
        }
        return d;
    }

    /** The shortest form {@link #parse} reads back: {@code 1m30s}, {@code 250ms}, {@code 0s}; ISO-8601 below a millisecond. */
    public static String format(Duration d) {
        if (d.isNegative() || d.toNanosPart() % 1_000_000 != 0) {
            return d.toString();
        }
        StringBuilder sb = new StringBuilder();
        append(sb, d.toHours(), "h");
        append(sb, d.toMinutesPart(), "m");
        append(sb, d.toSecondsPart(), "s");
        append(sb, d.toMillisPart(), "ms");
        return sb.length() == 0 ? "0s" : sb.toString();
    }

    private static void append(StringBuilder sb, long n, String unit) {
        if (n > 0) {
            sb.append(n).append(unit);
        }
    }

    private static Duration iso(String what, String raw, String s) {
        try {
            Duration d = Duration.parse(s.toUpperCase(Locale.ROOT));
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below with the examples
        }
        throw new IllegalArgumentException(what + " must be a duration such as " + EXAMPLES + ", was '" + raw + "'");
    }
}
