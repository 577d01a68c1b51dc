package dev.sluice.engine;

import dev.sluice.cli.CommandLines;
import dev.sluice.engine.cli.EngineOptions;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code sluice engine}: the headless engine ({@link EngineCommand}). Bad flags or an unusable
 * store: one line, exit 2; {@code --help}: exit 0.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(System.getenv(), out, err).execute(args);
    }

    /** The {@code engine} command with its environment defaults, help text and one-line errors. */
    static CommandLine commandLine(Map<String, String> env, PrintStream out, PrintStream err) {
        return withEngineFlags(new EngineCommand(env, out, err), "sluice engine", EngineCommand.usage(), env, out, err);
    }

    /**
     * {@code command}, which takes the engine's flags ({@code sluice engine}, {@code sluice
     * experiment}): their defaults from {@code env}, its help text, one-line errors.
     */
    static CommandLine withEngineFlags(
            Object command, String name, String usage, Map<String, String> env, PrintStream out, PrintStream err) {
        CommandLine cl = CommandLines.runnable(command, name, out, err);
        cl.setDefaultValueProvider(EngineOptions.defaults(env));
        CommandLines.usage(cl, usage);
        return cl;
    }
}
