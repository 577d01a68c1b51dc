package dev.sluice.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@link DurationConverter} for options where zero means nothing useful (a run length, a timeout). */
public final class PositiveDurationConverter implements ITypeConverter<Duration> {
    private final DurationConverter durations = new DurationConverter();

    @Override
    public Duration convert(String value) {
        Duration d = durations.convert(value);
        if (d.isZero()) {
            throw new TypeConversionException("must be more than zero, was '" + value + "'");
        }
        return d;
    }
}
