package dev.sluice.loadgen.api;

/** Argument checks for the compact constructors; messages name the setting and the bad value. */
final class Check {
    private Check() {}

    static void require(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, format, args));
        }
    }

    static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be set");
        }
        return value;
    }
}
