package dev.sluice.tui;

import dev.sluice.api.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Map;

/**
 * {@code sluice tui}: the terminal console. Bad flags: one line, exit 2. Otherwise starts (or
 * attaches to) an engine, runs the console until {@code q} or Ctrl-C, restores the terminal and,
 * when it started the engine, drains it; exit 0 (1 after a crash, with the reason in the log).
 *
 * <p>No logger is touched here before the log file is chosen: logback reads its configuration on
 * first use, and the console must never log to the terminal.
 */
public final class Main {
    private Main() {
    }

    /** Entry point; exits the JVM with {@link #run}'s code. */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        TuiOptions options;
        try {
            options = TuiOptions.parse(args, env);
        } catch (UsageException e) {
            err.println("sluice tui: " + e.getMessage());
            return 2;
        }
        if (options.help()) {
            out.print(TuiOptions.usage());
            return 0;
        }
        if (System.console() == null) {
            err.println("sluice tui: needs an interactive terminal on stdin and stdout (for scripts use ./sluice engine)");
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
