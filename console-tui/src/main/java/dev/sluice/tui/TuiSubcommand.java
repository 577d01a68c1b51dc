package dev.sluice.tui;

import dev.sluice.cli.SluiceSubcommand;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sluice tui}'s options for shell completion (registered as a service); the engine's come with them. */
public final class TuiSubcommand implements SluiceSubcommand {
    @Override
    public CommandSpec spec() {
        return CommandSpec.forAnnotatedObject(new TuiCommand(Map.of(), System.out, System.err));
    }

    @Override
    public boolean passesEngineOptions() {
        return true;
    }
}
