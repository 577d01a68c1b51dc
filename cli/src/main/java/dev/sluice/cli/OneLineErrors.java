package dev.sluice.cli;

import dev.sluice.api.cli.UsageException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line that cannot run is one line on stderr, {@code sluice engine: <what is wrong> (see
 * --help)}, and exit code 2; never a stack trace or the whole usage text. Covers picocli's own
 * parse errors and a {@link UsageException} thrown while the command builds its config.
 */
public final class OneLineErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
    /** The exit code of every usage error. */
    public static final int USAGE = 2;

    private final String command;

    /** @param command how the line starts: {@code sluice engine} */
    public OneLineErrors(String command) {
        this.command = command;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        return print(ex.getCommandLine(), describe(ex));
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) throws Exception {
        if (ex instanceof UsageException) {
            return print(cl, ex.getMessage());
        }
        throw ex;
    }

    private int print(CommandLine cl, String message) {
        String hint = message.contains("--help") ? "" : " (see --help)";
        cl.getErr().println(command + ": " + message + hint);
        cl.getErr().flush();
        return USAGE;
    }

    /** picocli's exception as one line that names the option (or its environment variable) and the value. */
    public static String describe(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (!arg.startsWith("-")) {
                return "unexpected argument '" + arg + "' (options start with --; see --help)";
            }
            List<String> near = u.getSuggestions();
            return "unknown option '" + arg + "' (" + (near.isEmpty() ? "" : "did you mean " + near.get(0) + "? ")
                    + "see --help)";
        }
        if (ex instanceof MissingParameterException m
                && !m.getMissing().isEmpty()
                && m.getMissing().get(0) instanceof OptionSpec option) {
            return option.longestName() + " needs a value";
        }
        if (ex.getCause() instanceof TypeConversionException bad && ex.getArgSpec() != null) {
            return source(ex.getCommandLine(), ex.getArgSpec(), ex.getValue()) + " " + bad.getMessage();
        }
        return ex.getMessage();
    }

    /** The variable when the bad value came from the environment, else the option. */
    private static String source(CommandLine cl, ArgSpec arg, String value) {
        if (cl.getDefaultValueProvider() instanceof EnvironmentDefaults env) {
            String variable = env.variable(arg);
            if (variable != null && value != null && value.equals(env.defaultValue(arg))) {
                return variable;
            }
        }
        return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
    }
}
