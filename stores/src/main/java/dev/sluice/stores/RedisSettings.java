package dev.sluice.stores;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Sluice runs and checks Redis. {@code maxMemoryBytes} and {@code fsync} are written into
 * the embedded Redis' config; an external Redis is only checked (its operator owns its config),
 * and {@code allowEviction} lets the engine start on one whose policy could evict the stream.
 *
 * @param maxMemoryBytes embedded Redis {@code maxmemory}, at least 8 MB
 * @param fsync          embedded Redis {@code appendfsync}
 * @param allowEviction  start even when an external Redis runs an {@code allkeys-*} policy
 */
public record RedisSettings(long maxMemoryBytes, Fsync fsync, boolean allowEviction) {
    public static final long MIN_MAX_MEMORY = 8L << 20;
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|k|mb|m|gb|g)?");

    public RedisSettings {
        if (maxMemoryBytes < MIN_MAX_MEMORY) {
            throw new IllegalArgumentException(
                    "redis maxmemory must be at least 8mb, was " + maxMemoryBytes + " bytes");
        }
        if (fsync == null) {
            throw new IllegalArgumentException("redis fsync must be given");
        }
    }

    /** 1 GB, fsync every second, no eviction allowed. */
    public static RedisSettings defaults() {
        return new RedisSettings(1L << 30, Fsync.EVERYSEC, false);
    }

    /** {@code appendfsync} values Sluice offers: {@code always} fsyncs every write, {@code everysec} once a second. */
    public enum Fsync {
        ALWAYS,
        EVERYSEC;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Fsync fromLabel(String raw) {
            String s = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
            return switch (s) {
                case "always" -> ALWAYS;
                case "everysec" -> EVERYSEC;
                default ->
                    throw new IllegalArgumentException("redis fsync must be always or everysec, was '" + raw + "'");
            };
        }
    }

    /** Parses {@code 512mb}, {@code 1gb}, {@code 2g}, {@code 67108864} (bytes) as Redis does (1k = 1024). */
    public static long parseSize(String what, String raw) {
        Matcher m = SIZE.matcher(raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " must be a size such as 512mb or 2gb, was '" + raw + "'");
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is too large: '" + raw + "'");
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift = switch (unit) {
            case "k", "kb" -> 10;
            case "m", "mb" -> 20;
            case "g", "gb" -> 30;
            default -> 0;
        };
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException(what + " is too large: '" + raw + "'");
        }
        return n << shift;
    }
}
