package dev.sluice.loadgen.cli;

import dev.sluice.cli.SluiceSubcommand;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sluice loadgen}'s options for shell completion (registered as a service). */
public final class LoadSubcommand implements SluiceSubcommand {
    @Override
    public CommandSpec spec() {
        return CommandSpec.forAnnotatedObject(new LoadFlags());
    }
}
