package dev.sluice.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Whole-number options with their range in the converter, so a bad value and an out-of-range one
 * read the same: {@code --port must be a whole number from 0 to 65535, was 'http'}. picocli builds
 * converters by their no-argument constructor, so each range is a small subclass next to its option.
 */
public final class WholeNumbers {
    private WholeNumbers() {
    }

    /** An {@code int} option from {@code min} to {@code max}, both included. */
    public abstract static class IntRange implements ITypeConverter<Integer> {
        private final int min;
        private final int max;

        protected IntRange(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Integer convert(String value) {
            return (int) parse(value, min, max);
        }
    }

    /** A {@code long} option from {@code min} to {@code max}, both included. */
    public abstract static class LongRange implements ITypeConverter<Long> {
        private final long min;
        private final long max;

        protected LongRange(long min, long max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Long convert(String value) {
            return parse(value, min, max);
        }
    }

    static long parse(String raw, long min, long max) {
        try {
            long v = Long.parseLong(raw.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the range
        }
        throw new TypeConversionException("must be a whole number from " + min + " to " + max + ", was '" + raw + "'");
    }
}
