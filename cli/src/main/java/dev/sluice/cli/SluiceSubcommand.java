package dev.sluice.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * A {@code sluice} subcommand's options, found with {@link java.util.ServiceLoader} so that
 * {@link Completion} can list every command although each module has its own classpath. A module
 * registers its implementation in {@code META-INF/services/dev.sluice.cli.SluiceSubcommand}.
 */
public interface SluiceSubcommand {
    /** The command's model (name, options); built to be read, never run. Cheap, no side effects. */
    CommandSpec spec();

    /** True for a console, which hands every argument it does not know to a local engine: completion offers the engine's too. */
    default boolean passesEngineOptions() {
        return false;
    }
}
