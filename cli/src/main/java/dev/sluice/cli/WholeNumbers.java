package dev.sluice.cli;

import java.util.function.LongFunction;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Whole-number options with their range in the converter, so a bad value and an out-of-range one
 * read the same: {@code --port must be a whole number from 0 to 65535, was 'http'}. picocli builds
 * converters by their no-argument constructor, so each range is a small subclass next to its option.
 */
public final class WholeNumbers {
    private WholeNumbers() {}

    /** An option from {@code min} to {@code max}, both included, as {@code T}. */
    public abstract static class Range<T extends Number> implements ITypeConverter<T> {
        private final long min;
        private final long max;
        private final LongFunction<T> box;

        protected Range(long min, long max, LongFunction<T> box) {
            this.min = min;
            this.max = max;
            this.box = box;
        }

        @Override
        public T convert(String value) {
            return box.apply(parse(value, min, max));
        }
    }

    /** An {@code int} option from {@code min} to {@code max}, both included. */
    public abstract static class IntRange extends Range<Integer> {
        protected IntRange(int min, int max) {
            super(min, max, n -> (int) n);
        }
    }

    /** A {@code long} option from {@code min} to {@code max}, both included. */
    public abstract static class LongRange extends Range<Long> {
        protected LongRange(long min, long max) {
            super(min, max, n -> n);
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
