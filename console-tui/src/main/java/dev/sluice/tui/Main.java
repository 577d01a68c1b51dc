package dev.sluice.tui;

import dev.sluice.cli.CommandLines;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code sluice tui}: the terminal console ({@link TuiCommand}). Bad flags: one line, exit 2;
 * {@code --help}: exit 0. Otherwise starts (or attaches to) an engine, runs the console until
 * {@code q} or Ctrl-C, restores the terminal and, when it started the engine, drains it; exit 0 (1
 * after a crash, with the reason in the log).
 *
 * <p>No logger is touched here before the log file is chosen: logback reads its configuration on
 * first use, and the console must never log to the terminal.
 */
public final class Main {
    private Main() {}

    /** Entry point; exits the JVM with {@link #run}'s code. */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        var cl = CommandLines.runnable(new TuiCommand(env, out, err), "sluice tui", out, err);
        CommandLines.usage(cl, TuiOptions.usage());
        return cl.execute(args);
    }
}
