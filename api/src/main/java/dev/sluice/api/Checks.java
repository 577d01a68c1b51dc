package dev.sluice.api;

/** Argument checks for the api records: messages name the setting and the bad value. */
public final class Checks {
    private Checks() {}

    public static void check(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(format, args));
        }
    }

    public static void require(Object value, String name) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException(name + " must be given");
        }
    }
}
