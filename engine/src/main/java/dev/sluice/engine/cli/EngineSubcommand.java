package dev.sluice.engine.cli;

import dev.sluice.cli.SluiceSubcommand;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sluice engine}'s options for shell completion (registered as a service). */
public final class EngineSubcommand implements SluiceSubcommand {
    @Override
    public CommandSpec spec() {
        return CommandSpec.forAnnotatedObject(new EngineOptions.Args());
    }
}
