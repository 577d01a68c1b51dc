package dev.sluice.engine;

import dev.sluice.cli.SluiceSubcommand;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sluice experiment}'s options for shell completion (registered as a service). */
public final class ExperimentSubcommand implements SluiceSubcommand {
    @Override
    public CommandSpec spec() {
        return CommandSpec.forAnnotatedObject(new ExperimentCommand(Map.of(), System.out, System.err));
    }
}
