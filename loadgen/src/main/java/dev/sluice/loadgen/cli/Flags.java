package dev.sluice.loadgen.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny, strict flag parser (the engine's, without environment variables): {@code --name value}
 * or {@code --name=value}, boolean flags alone. Unknown flags, missing values and bad numbers
 * become one {@link UsageException} line.
 */
final class Flags {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern DURATION = Pattern.compile("(?:\\d+(?:ms|s|m|h))+");
    private static final Pattern NUMBER = Pattern.compile("(-?\\d+(?:\\.\\d+)?)(k?)");

    private final Map<String, String> values = new LinkedHashMap<>();

    static Flags parse(String[] args, List<String> valued, List<String> booleans) {
        Flags flags = new Flags();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "' (options start with --; see --help)");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (booleans.contains(name)) {
                flags.values.put(name, value == null ? "true" : value);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                flags.values.put(name, value);
            } else {
                throw new UsageException("unknown option '" + arg + "' (see --help)");
            }
        }
        return flags;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    boolean bool(String name) {
        String v = values.get(name);
        return v != null && !v.equalsIgnoreCase("false");
    }

    String string(String name, String fallback) {
        String v = values.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    long integer(String name, long fallback, long min, long max) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            long v = Long.parseLong(raw.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the range
        }
        throw new UsageException("--" + name + " must be a whole number from " + min + " to " + max + ", was '" + raw + "'");
    }

    /** A positive number; {@code 5k} means 5000. */
    double number(String name, double min, double max, String unit) {
        String raw = values.get(name);
        Matcher m = NUMBER.matcher(raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            double v = Double.parseDouble(m.group(1)) * (m.group(2).isEmpty() ? 1 : 1000);
            if (v >= min && v <= max) {
                return v;
            }
        }
        throw new UsageException("--" + name + " must be " + unit + " from " + Main.plain(min) + " to "
                + Main.plain(max) + " (5k = 5000), was '" + raw + "'");
    }

    Duration duration(String name, Duration fallback) {
        String raw = values.get(name);
        return raw == null ? fallback : parseDuration("--" + name, raw);
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1m30s}; a unit is required. */
    static Duration parseDuration(String what, String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (!DURATION.matcher(s).matches()) {
            throw new UsageException(what + " must be a duration such as 500ms, 30s, 2m or 1m30s, was '" + raw + "'");
        }
        Duration d = Duration.ZERO;
        Matcher m = DURATION_PART.matcher(s);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        if (d.isZero()) {
            throw new UsageException(what + " must be more than zero, was '" + raw + "'");
        }
        return d;
    }
}
