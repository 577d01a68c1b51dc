package dev.sluice.loadgen.cli;

import dev.sluice.cli.CommandLines;
import dev.sluice.loadgen.Profiles;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * {@code sluice loadgen} ({@link LoadCommand}). Exit 0 when the run completed (errors are reported,
 * not fatal) and after {@code --help}, 2 on bad arguments or an unreachable target (one line, no
 * stack trace), 1 when the run itself broke down.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // before any logger exists: charts need no display, logs go to stderr and never to the live lines
        System.setProperty("java.awt.headless", "true");
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "loadgen-logback.xml");
        }
        for (String a : args) {
            if (a.equals("--verbose")) {
                System.setProperty("loadgen.log.level", "INFO");
            }
        }
        System.exit(run(args, System.out, System.err, true));
    }

    /** The whole command; {@code handleSignals} makes Ctrl-C stop the run early and still report. */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean handleSignals) {
        return commandLine(Profiles.builtin(), System::getenv, out, err, handleSignals)
                .execute(args);
    }

    /** The {@code loadgen} command with its help text and one-line errors. */
    static CommandLine commandLine(
            Profiles profiles, Function<String, String> env, PrintStream out, PrintStream err, boolean handleSignals) {
        CommandLine cl = CommandLines.runnable(
                new LoadCommand(profiles, env, out, err, handleSignals), "sluice loadgen", out, err);
        CommandLines.usage(cl, LoadCommand.usage(profiles));
        return cl;
    }

    static String plain(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
    }
}
