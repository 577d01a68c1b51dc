package dev.sluice.engine.http;

/**
 * Checks a JSON number against what PostgreSQL 17's {@code numeric} (and so {@code jsonb}) can
 * hold, working on the number's characters alone: nothing is converted to a value. The limits
 * mirror {@code set_var_from_str} and {@code make_result} in numeric.c, confirmed against the
 * embedded PostgreSQL 17:
 * <ul>
 *   <li>the exponent's magnitude is at most {@value #MAX_EXPONENT} ({@code PG_INT32_MAX / 2}), even for zero;
 *   <li>the display scale (digits after the point, minus the exponent) is at most {@value #MAX_SCALE};
 *   <li>a non-zero value's first significant digit sits at most {@value #MAX_INTEGER_DIGITS} places
 *       before the point (the weight must fit an int16 of base-10000 digits).
 * </ul>
 * Stateless; call from any thread.
 */
final class NumericRange {
    static final int MAX_INTEGER_DIGITS = 131_072;
    static final int MAX_SCALE = 16_383;
    static final int MAX_EXPONENT = Integer.MAX_VALUE / 2;

    private NumericRange() {}

    /**
     * Returns why {@code chars[from, from+len)} is beyond {@code numeric}, or null if it fits.
     * {@code integral} says Jackson saw neither a point nor an exponent.
     */
    static String problem(char[] chars, int from, int len, boolean integral) {
        int end = from + len;
        int i = chars[from] == '-' ? from + 1 : from;
        if (integral) {
            // JSON has no leading zeros, so every digit counts
            int digits = end - i;
            return digits > MAX_INTEGER_DIGITS ? beforePoint(digits) : null;
        }
        int intStart = i;
        while (i < end && isDigit(chars[i])) {
            i++;
        }
        int intEnd = i;
        int fracStart = intEnd;
        if (i < end && chars[i] == '.') {
            fracStart = ++i;
            while (i < end && isDigit(chars[i])) {
                i++;
            }
        }
        int fracEnd = i;
        long exponent = 0;
        if (i < end) {
            i++; // 'e' or 'E'
            boolean negative = chars[i] == '-';
            if (chars[i] == '-' || chars[i] == '+') {
                i++;
            }
            for (; i < end; i++) {
                exponent = exponent * 10 + (chars[i] - '0');
                if (exponent > MAX_EXPONENT) {
                    return "its exponent is beyond ±" + MAX_EXPONENT;
                }
            }
            exponent = negative ? -exponent : exponent;
        }
        long scale = Math.max(0, (fracEnd - fracStart) - exponent);
        if (scale > MAX_SCALE) {
            return "it has " + scale + " digits after the decimal point (numeric holds at most " + MAX_SCALE + ")";
        }
        long place = firstSignificantPlace(chars, intStart, intEnd, fracStart, fracEnd);
        if (place == Long.MIN_VALUE) {
            return null; // zero: PostgreSQL drops the weight
        }
        long before = place + exponent + 1;
        return before > MAX_INTEGER_DIGITS ? beforePoint(before) : null;
    }

    /** Power of ten of the first non-zero digit (0 for units, -1 for tenths), or Long.MIN_VALUE for zero. */
    private static long firstSignificantPlace(char[] c, int intStart, int intEnd, int fracStart, int fracEnd) {
        for (int k = intStart; k < intEnd; k++) {
            if (c[k] != '0') {
                return intEnd - 1 - k;
            }
        }
        for (int k = fracStart; k < fracEnd; k++) {
            if (c[k] != '0') {
                return -(k - fracStart + 1);
            }
        }
        return Long.MIN_VALUE;
    }

    private static String beforePoint(long digits) {
        return "it has " + digits + " digits before the decimal point (numeric holds at most " + MAX_INTEGER_DIGITS
                + ")";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
