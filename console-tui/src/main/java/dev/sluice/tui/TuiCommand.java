package dev.sluice.tui;

import dev.sluice.cli.ConsoleArgs;
import dev.sluice.cli.OptionsHelp;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code sluice tui} as a picocli command: the console's own options; every other argument is the
 * local engine's, passed through untouched and checked by the engine itself. Runs the console on the
 * calling thread until {@code q} or Ctrl-C.
 */
@Command(name = "tui", description = "terminal console: live charts, knobs and load, embedded or --attach URL")
final class TuiCommand extends ConsoleArgs implements Callable<Integer> {
    @Option(
            names = "--attach",
            paramLabel = "URL",
            description = "watch and tune a running engine instead of starting one")
    String attach;

    @Option(names = "--token", paramLabel = "T", description = "that engine's control token [SLUICE_CONTROL_TOKEN]")
    String token;

    @Option(names = "--ascii", description = "ASCII only (automatic when the locale is not UTF-8)")
    boolean ascii;

    @Option(names = "--mono", description = "no colours (automatic with NO_COLOR or a monochrome TERM)")
    boolean mono;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    TuiCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** The console's options, for {@code --help} (the engine's follow). */
    static String optionsHelp() {
        return OptionsHelp.render(
                CommandSpec.forAnnotatedObject(new TuiCommand(Map.of(), System.out, System.err)),
                Map.of("--help", "Console:"),
                Map.of("--mono", List.of("  The log goes to DATA_DIR/console-tui.log, never to the terminal.")));
    }

    @Override
    public Integer call() {
        TuiOptions options = TuiOptions.from(this, env);
        if (System.console() == null) {
            err.println(
                    "sluice tui: needs an interactive terminal on stdin and stdout (for scripts use ./sluice engine)");
            return 2;
        }
        try {
            Files.createDirectories(options.dataDir());
        } catch (IOException e) {
            err.println("sluice tui: cannot create " + options.dataDir() + ": " + e.getMessage());
            return 2;
        }
        System.setProperty("sluice.tui.log", options.logFile().toString());
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "tui-logback.xml");
        }
        return ConsoleSession.run(options, env, out, err);
    }
}
