package dev.sluice.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Environment variables as option defaults: {@code --flush-interval} reads
 * {@code SLUICE_FLUSH_INTERVAL} when the flag is not given. A blank variable counts as unset. The
 * environment is a map so tests pass their own; {@code main} passes {@code System.getenv()}.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
    private final Map<String, String> env;
    private final String prefix;
    private final Set<String> without;

    /**
     * @param prefix  put before the option's name in upper snake case: {@code SLUICE_}
     * @param without long option names that have no variable ({@code --help}, {@code --paused})
     */
    public EnvironmentDefaults(Map<String, String> env, String prefix, Set<String> without) {
        this.env = Map.copyOf(env);
        this.prefix = prefix;
        this.without = Set.copyOf(without);
    }

    /** The variable behind an option, or null when it has none. */
    public String variable(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || without.contains(option.longestName()) || option.usageHelp()) {
            return null;
        }
        return prefix
                + option.longestName().replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        String name = variable(arg);
        String value = name == null ? null : env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
