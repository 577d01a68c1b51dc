package dev.sluice.cli;

import dev.sluice.api.cli.UsageException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * How every sluice command reads its arguments with picocli: {@code --name value} or
 * {@code --name=value}, the last of a repeated option wins, {@code @file} is a plain value, and an
 * error is one line ({@link OneLineErrors}).
 */
public final class CommandLines {
    private static final String USAGE_SECTION = "sluiceUsage";

    private CommandLines() {}

    /** A parser for {@code command} (a picocli {@code @Command} object) with the rules above. */
    public static CommandLine of(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setExpandAtFiles(false);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /**
     * A runnable command: {@code execute} returns 0 after {@code --help}, 2 with one line on stderr
     * for a bad flag or value (or a {@link UsageException} from the command), else the command's code.
     *
     * @param name how error lines start: {@code sluice engine}
     */
    public static CommandLine runnable(Object command, String name, PrintStream out, PrintStream err) {
        OneLineErrors errors = new OneLineErrors(name);
        CommandLine cl = of(command);
        cl.setOut(writer(out));
        cl.setErr(writer(err));
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        return cl;
    }

    /**
     * Parses {@code args} into {@code cl}'s command object, for a caller that only wants the values.
     *
     * @throws UsageException the one line {@link OneLineErrors} would print
     */
    public static void parse(CommandLine cl, String[] args) {
        try {
            cl.parseArgs(args);
        } catch (ParameterException e) {
            throw new UsageException(OneLineErrors.describe(e));
        }
    }

    /** Replaces picocli's generated usage with {@code text} (which lays out sections as sluice always has). */
    public static void usage(CommandLine cl, String text) {
        cl.setHelpSectionKeys(List.of(USAGE_SECTION));
        cl.getHelpSectionMap().put(USAGE_SECTION, help -> text);
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new java.io.OutputStreamWriter(stream, Charset.defaultCharset()), true);
    }
}
