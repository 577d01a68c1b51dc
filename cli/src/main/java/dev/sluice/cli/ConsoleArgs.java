package dev.sluice.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * What both consoles' command lines share: {@code -h}/{@code --help}, and every argument that is not
 * the console's own kept in order for the local engine, which checks them itself (a console does not
 * know the engine's options; it only hands them on). A console's picocli command extends this.
 */
public abstract class ConsoleArgs {
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "this text")
    private boolean help;

    @Unmatched
    private List<String> engineArgs = new ArrayList<>();

    /** {@code -h} or {@code --help} was given. */
    public boolean helpRequested() {
        return help;
    }

    /** The arguments for the local engine, in the order given. */
    public List<String> engineArgs() {
        return List.copyOf(engineArgs);
    }
}
