package dev.sluice.engine.http;

/**
 * Whole-number query parameters, each refusal a 400 that names the parameter and what it takes.
 * Stateless.
 */
final class QueryParams {
    private QueryParams() {}

    /**
     * {@code raw} as a whole number from {@code min}; {@code fallback} when absent or empty. Above
     * {@code max} it is capped to {@code max} (seed 003's {@code limit} rule), never refused.
     */
    static long atLeast(String name, String raw, long fallback, long min, long max) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            if (raw.trim().matches("\\+?[0-9]+")) {
                return max; // past a long is past any cap
            }
            throw Problem.badRequest(name + " must be a whole number from " + min + ", was '" + shown(raw) + "'");
        }
        if (n < min) {
            throw Problem.badRequest(name + " must be a whole number from " + min + ", was " + n);
        }
        return Math.min(n, max);
    }

    private static String shown(String raw) {
        return raw.length() > 40 ? raw.substring(0, 40) + "..." : raw;
    }
}
