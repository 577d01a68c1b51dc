package dev.sluice.cli;

import dev.sluice.api.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Every duration option of every command: {@link Durations}' grammar (a unit is required). The
 * message has no option name; {@link OneLineErrors} puts the option (or its variable) in front.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse("", value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage().strip());
        }
    }
}
