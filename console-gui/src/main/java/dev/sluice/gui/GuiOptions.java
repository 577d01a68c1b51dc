package dev.sluice.gui;

import dev.sluice.api.EngineSessions;
import dev.sluice.api.ExperimentPace;
import dev.sluice.api.ExperimentRequest;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.LocalEngineOptions;
import dev.sluice.api.cli.AttachArgs;
import dev.sluice.api.cli.UsageException;
import dev.sluice.cli.CommandLines;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code sluice gui} was asked to do. The console's own flags are taken out first; everything
 * else is the engine's, checked through {@link EngineSessions#checkLocal} exactly as {@code sluice engine} does.
 *
 * @param attach          a running engine's base URI, or null to start an embedded stack
 * @param token           the attached engine's control token, or null
 * @param engineArgs      the embedded stack's arguments; empty when attached
 * @param dataDir         where the console's log and reports go (the stack's data directory)
 * @param local           the embedded stack's checked options; null when attached or for help
 * @param settings        window settings: classroom mode, a load to start, a screenshot to take
 * @param help            print usage and exit
 */
record GuiOptions(
        URI attach,
        String token,
        List<String> engineArgs,
        Path dataDir,
        LocalEngineOptions local,
        ConsoleSettings settings,
        boolean help) {

    GuiOptions {
        engineArgs = engineArgs == null ? List.of() : List.copyOf(engineArgs);
    }

    /** Parses flags and environment; throws {@link UsageException} with one line on anything wrong. */
    static GuiOptions parse(String[] args, Map<String, String> env) {
        GuiCommand flags = new GuiCommand(env, System.out, System.err);
        CommandLines.parse(CommandLines.of(flags), args);
        if (flags.helpRequested()) {
            return new GuiOptions(null, null, List.of(), null, null, ConsoleSettings.defaults(), true);
        }
        return from(flags, env);
    }

    /** The options from parsed flags; the engine's arguments are checked by the engine (through the seam). */
    static GuiOptions from(GuiCommand f, Map<String, String> env) {
        ConsoleSettings settings = new ConsoleSettings(
                f.classroom,
                load(f),
                f.screenshot == null ? null : Path.of(f.screenshot).toAbsolutePath(),
                f.screenshotAfter == null ? Duration.ofSeconds(20) : f.screenshotAfter,
                experiment(f));
        List<String> rest = f.engineArgs();
        if (f.attach == null) {
            if (f.token != null) {
                throw new UsageException("--token goes with --attach URL");
            }
            LocalEngineOptions local = EngineSessions.checkLocal(rest, env);
            return new GuiOptions(null, null, rest, local.dataDir(), local, settings, local.help());
        }
        URI uri = attachUri(f.attach);
        Path dataDir = AttachArgs.dataDir(
                rest,
                env,
                arg -> "'" + arg + "' does not go with --attach (the attached engine has its own"
                        + " flags; change knobs in the window)");
        String token = f.token != null && !f.token.isBlank() ? f.token : blankAsNull(env.get("SLUICE_CONTROL_TOKEN"));
        return new GuiOptions(uri, token, List.of(), dataDir, null, settings, false);
    }

    private static LoadSpec load(GuiCommand f) {
        if (f.load == null) {
            if (f.users != null || f.rate != null) {
                throw new UsageException("--users and --rate go with --load PROFILE");
            }
            return null;
        }
        // whether the engine knows the profile is checked once it is open (GuiMain.unknownProfile)
        String profile = f.load.trim().toLowerCase(Locale.ROOT);
        if (profile.isBlank()) {
            throw new UsageException("--load needs a profile name such as realistic");
        }
        if (f.users != null && f.rate != null) {
            throw new UsageException("give --users (closed model) or --rate (open model), not both");
        }
        return f.rate != null
                ? LoadSpec.open(profile, f.rate)
                : LoadSpec.closed(profile, f.users == null ? 50 : f.users);
    }

    /** {@code --experiment NAME [--pace P]}: quick unless told; whether the engine knows NAME shows in the window. */
    private static ExperimentRequest experiment(GuiCommand f) {
        if (f.experiment == null) {
            if (f.pace != null) {
                throw new UsageException("--pace goes with --experiment NAME");
            }
            return null;
        }
        if (f.load != null) {
            throw new UsageException("give --load or --experiment, not both (an experiment runs its own loads)");
        }
        String name = f.experiment.trim().toLowerCase(Locale.ROOT);
        if (name.isBlank()) {
            throw new UsageException("--experiment needs a name such as stages");
        }
        ExperimentPace pace;
        try {
            pace = f.pace == null ? ExperimentPace.QUICK : ExperimentPace.fromLabel(f.pace.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--pace: " + e.getMessage());
        }
        return ExperimentRequest.builtIn(name, pace);
    }

    private static String blankAsNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static URI attachUri(String raw) {
        try {
            URI uri = URI.create(raw);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new UsageException("--attach must be an http URL such as http://10.0.0.5:8080, was '" + raw + "'");
    }

    static String usage() {
        return """
                Usage: sluice gui [options]            desktop console on an embedded stack (same flags as sluice engine)
                       sluice gui --attach URL [--token T]   desktop console for a running engine

                """ + GuiCommand.optionsHelp() + """
                The console logs to DATA_DIR/console-gui.log; reports go to DATA_DIR/reports.
                Closing the window drains the embedded engine (it asks first while a load runs).

                Embedded stack (not with --attach, which takes only --data-dir for the log and reports):
                """
                + EngineSessions.localOptionsHelp()
                        .orElse("  (none here: this console has no engine on its classpath; use --attach URL)\n");
    }
}
