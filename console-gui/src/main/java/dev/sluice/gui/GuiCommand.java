package dev.sluice.gui;

import dev.sluice.cli.ConsoleArgs;
import dev.sluice.cli.DurationConverter;
import dev.sluice.cli.OptionsHelp;
import dev.sluice.cli.WholeNumbers.IntRange;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code sluice gui} as a picocli command: the console's own options; every other argument is the
 * local engine's, passed through untouched and checked by the engine itself. Blocks until the
 * window closes.
 */
@Command(name = "gui", description = "desktop console: live charts and knobs, embedded or --attach URL")
final class GuiCommand extends ConsoleArgs implements Callable<Integer> {
    @Option(
            names = "--attach",
            paramLabel = "URL",
            description = "drive a running engine through its control API, e.g. http://10.0.0.5:8080")
    String attach;

    @Option(names = "--token", paramLabel = "T", description = "that engine's control token [SLUICE_CONTROL_TOKEN]")
    String token;

    @Option(names = "--classroom", description = "start in classroom mode (large fonts, ingest mode shown big)")
    boolean classroom;

    @Option(
            names = "--load",
            paramLabel = "PROFILE",
            description = "start a load at once: realistic, stress, firehose, read-mix, queue or items")
    String load;

    @Option(
            names = "--users",
            paramLabel = "N",
            converter = Users.class,
            description = "...with N virtual users (closed model, default 50)")
    Integer users;

    @Option(
            names = "--rate",
            paramLabel = "R",
            converter = Rate.class,
            description = "...or at R requests/s (open model)")
    Double rate;

    @Option(
            names = "--experiment",
            paramLabel = "NAME",
            description = "start an experiment at once: stages, insert-vs-copy, workers or max-rate")
    String experiment;

    @Option(names = "--pace", paramLabel = "P", description = "...at this pace: quick (default), full or test")
    String pace;

    @Option(
            names = "--screenshot",
            paramLabel = "FILE",
            description = "save the window as a PNG after --screenshot-after, then close")
    String screenshot;

    @Option(
            names = "--screenshot-after",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            description = "default 20s")
    Duration screenshotAfter;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    GuiCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** The console's options, for {@code --help} (the engine's follow). */
    static String optionsHelp() {
        return OptionsHelp.render(
                CommandSpec.forAnnotatedObject(new GuiCommand(Map.of(), System.out, System.err)),
                Map.of("--help", "Console:"),
                Map.of());
    }

    @Override
    public Integer call() {
        return GuiMain.open(GuiOptions.from(this, env), env, out, err);
    }

    static final class Users extends IntRange {
        Users() {
            super(1, LoadModel.MAX_USERS);
        }
    }

    /** Requests per second, more than 0 and at most {@link LoadModel#MAX_RATE}. */
    static final class Rate implements ITypeConverter<Double> {
        @Override
        public Double convert(String raw) {
            try {
                double rate = Double.parseDouble(raw);
                if (rate > 0 && rate <= LoadModel.MAX_RATE) {
                    return rate;
                }
            } catch (NumberFormatException ignored) {
                // reported below with the range
            }
            throw new TypeConversionException("must be a number of requests/s from 1 to 10000000, was '" + raw + "'");
        }
    }
}
