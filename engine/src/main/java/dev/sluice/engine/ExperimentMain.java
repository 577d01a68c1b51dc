package dev.sluice.engine;

import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code sluice experiment} ({@link ExperimentCommand}). Bad flags, an unknown experiment or a bad
 * experiment file: one line, exit 2; {@code --help}: exit 0; a failed experiment: 1.
 */
public final class ExperimentMain {
    private ExperimentMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(System.getenv(), out, err).execute(args);
    }

    static CommandLine commandLine(Map<String, String> env, PrintStream out, PrintStream err) {
        return Main.withEngineFlags(
                new ExperimentCommand(env, out, err), "sluice experiment", ExperimentCommand.usage(), env, out, err);
    }
}
