package dev.sluice.gui;

import dev.sluice.api.EngineException;
import dev.sluice.api.EngineSession;
import dev.sluice.api.EngineSessions;
import dev.sluice.api.ExperimentDefinition;
import dev.sluice.api.ExperimentRequest;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.cli.UsageException;
import dev.sluice.cli.CommandLines;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sluice gui}: starts an embedded stack (the same flags as {@code sluice engine}) or attaches
 * to a running engine, then opens the console window. Bad flags, no display or an unusable store:
 * one line on stderr, exit 2. The console logs to {@code DATA_DIR/console-gui.log}.
 */
public final class GuiMain {
    /** Held so JUL keeps the level: JavaFX warns once that it runs from the classpath, which is what we chose. */
    private static final java.util.logging.Logger FX_PLATFORM = java.util.logging.Logger.getLogger("javafx");

    private GuiMain() {}

    /** Entry point; exits with 0 after the window closed, 2 on a usage or start error. */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        var cl = CommandLines.runnable(new GuiCommand(env, out, err), "sluice gui", out, err);
        CommandLines.usage(cl, GuiOptions.usage());
        return cl.execute(args);
    }

    /** Opens the engine and the window those options describe; returns the exit code once the window closed. */
    static int open(GuiOptions options, Map<String, String> env, PrintStream out, PrintStream err) {
        if (options.help()) {
            out.print(GuiOptions.usage());
            return 0;
        }
        String noDisplay = missingDisplay(env);
        if (noDisplay != null) {
            err.println("sluice gui: " + noDisplay);
            return 2;
        }
        // before the first logger exists: the console logs to a file, never to the terminal
        Path logFile = options.dataDir().resolve("console-gui.log");
        System.setProperty("sluice.gui.log", logFile.toString());
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "gui-logback.xml");
        }
        // charts are exported with AWT off-screen; JavaFX itself needs no AWT toolkit
        System.setProperty("java.awt.headless", "true");
        EngineSession engine;
        if (options.attach() != null) {
            engine = EngineSessions.attach(options.attach(), options.token());
            err.println("sluice gui: attaching to " + options.attach() + "; log in " + logFile);
        } else {
            err.println("sluice gui: starting " + options.local().startPlan() + "; log in " + logFile);
            try {
                engine = EngineSessions.startLocal(options.engineArgs(), env);
            } catch (UsageException | EngineException e) {
                err.println("sluice gui: " + e.getMessage());
                return 2;
            }
        }
        String badFlag = options.settings().load() == null
                ? null
                : unknownProfile(options.settings().load(), profiles(engine));
        if (badFlag == null && options.settings().experiment() != null) {
            badFlag = unknownExperiment(options.settings().experiment(), experiments(engine));
        }
        if (badFlag != null) {
            err.println("sluice gui: " + badFlag);
            engine.close();
            return 2;
        }
        Session session = Session.of(engine, options.dataDir());
        // Ctrl-C in the terminal or SIGTERM still drains; release is idempotent after a normal close
        Runtime.getRuntime().addShutdownHook(new Thread(session.release(), "shutdown-drain"));
        FX_PLATFORM.setLevel(java.util.logging.Level.SEVERE);
        try {
            ConsoleApp.launch(session, options.settings());
        } catch (RuntimeException e) {
            err.println("sluice gui: the window could not open: " + Actions.reason(e));
            session.release().run();
            return 2;
        }
        return 0;
    }

    /**
     * Why {@code --load} names a profile the engine does not list, or null (also when no load was
     * asked for, or a remote engine cannot list its profiles yet: the window then shows its refusal).
     */
    static String unknownProfile(LoadSpec load, List<String> known) {
        if (load == null || known == null || known.contains(load.profile())) {
            return null;
        }
        return "--load must be one of " + String.join(", ", known) + ", was '" + load.profile() + "'";
    }

    /** Why {@code --experiment} names one the engine does not list, or null (as {@link #unknownProfile}). */
    static String unknownExperiment(ExperimentRequest experiment, List<String> known) {
        if (experiment == null || known == null || known.isEmpty() || known.contains(experiment.name())) {
            return null;
        }
        return "--experiment must be one of " + String.join(", ", known) + ", was '" + experiment.name() + "'";
    }

    private static List<String> experiments(EngineSession engine) {
        try {
            return engine.control().experiments().stream()
                    .map(ExperimentDefinition::name)
                    .toList();
        } catch (EngineException e) {
            return null;
        }
    }

    private static List<String> profiles(EngineSession engine) {
        try {
            return engine.control().profiles();
        } catch (EngineException e) {
            return null;
        }
    }

    /** Why no window can open here, or null. Only Linux/BSD need an X11 or Wayland display. */
    static String missingDisplay(Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        boolean x11Platform = !os.contains("win") && !os.contains("mac");
        boolean monocle = "Monocle".equals(System.getProperty("glass.platform"));
        if (!x11Platform || monocle || notBlank(env.get("DISPLAY")) || notBlank(env.get("WAYLAND_DISPLAY"))) {
            return null;
        }
        return "no graphical display (DISPLAY is not set); use ./sluice engine, or run under Xvfb"
                + " (console-gui/scripts/xvfb-screenshot.sh)";
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
