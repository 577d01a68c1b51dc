package dev.sluice.gui;

import dev.sluice.api.EngineSessions;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.LocalEngineOptions;
import dev.sluice.api.cli.AttachArgs;
import dev.sluice.api.cli.Flags;
import dev.sluice.api.cli.UsageException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * @param settings        window settings: classroom mode, a load to start, a screenshot to take
 * @param help            print usage and exit
 */
record GuiOptions(URI attach, String token, List<String> engineArgs, Path dataDir, ConsoleSettings settings, boolean help) {

    GuiOptions {
        engineArgs = engineArgs == null ? List.of() : List.copyOf(engineArgs);
    }

    static final List<String> VALUED = List.of("attach", "token", "load", "users", "rate", "screenshot", "screenshot-after");
    static final List<String> BOOLEANS = List.of("classroom", "help");

    /** Parses flags and environment; throws {@link UsageException} with one line on anything wrong. */
    static GuiOptions parse(String[] args, Map<String, String> env) {
        List<String> own = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        split(args, own, rest);
        Flags f = Flags.parse(own.toArray(String[]::new), VALUED, BOOLEANS, env);
        if (f.bool("help")) {
            return new GuiOptions(null, null, List.of(), null, ConsoleSettings.defaults(), true);
        }
        ConsoleSettings settings = new ConsoleSettings(f.bool("classroom"), load(f),
                f.has("screenshot") ? Path.of(f.string("screenshot", null, null)).toAbsolutePath() : null,
                f.duration("screenshot-after", null, Duration.ofSeconds(20)));
        if (!f.has("attach")) {
            if (f.has("token")) {
                throw new UsageException("--token goes with --attach URL");
            }
            LocalEngineOptions local = EngineSessions.checkLocal(rest, env);
            return new GuiOptions(null, null, rest, local.dataDir(), settings, local.help());
        }
        URI uri = attachUri(f.string("attach", null, null));
        Path dataDir = AttachArgs.dataDir(rest, env, arg -> "'" + arg + "' does not go with --attach (the attached engine has its own"
                + " flags; change knobs in the window)");
        String token = f.string("token", "SLUICE_CONTROL_TOKEN", null);
        return new GuiOptions(uri, token, List.of(), dataDir, settings, false);
    }

    /** Sorts args into the console's own flags (with their values) and the rest, in order. */
    private static void split(String[] args, List<String> own, List<String> rest) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.startsWith("--") ? arg.substring(2).split("=", 2)[0] : "";
            boolean inline = arg.contains("=");
            if (VALUED.contains(name) || BOOLEANS.contains(name)) {
                own.add(arg);
                if (VALUED.contains(name) && !inline && i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    own.add(args[++i]);
                }
            } else {
                rest.add(arg); // an engine flag, or its value: the engine's own parser reads them
            }
        }
    }

    private static LoadSpec load(Flags f) {
        if (!f.has("load")) {
            if (f.has("users") || f.has("rate")) {
                throw new UsageException("--users and --rate go with --load PROFILE");
            }
            return null;
        }
        // whether the engine knows the profile is checked once it is open (GuiMain.unknownProfile)
        String profile = f.string("load", null, "").toLowerCase(Locale.ROOT);
        if (profile.isBlank()) {
            throw new UsageException("--load needs a profile name such as realistic");
        }
        if (f.has("users") && f.has("rate")) {
            throw new UsageException("give --users (closed model) or --rate (open model), not both");
        }
        if (f.has("rate")) {
            String raw = f.string("rate", null, "");
            try {
                double rate = Double.parseDouble(raw);
                if (rate > 0 && rate <= LoadModel.MAX_RATE) {
                    return LoadSpec.open(profile, rate);
                }
            } catch (NumberFormatException ignored) {
                // reported below with the range
            }
            throw new UsageException("--rate must be a number of requests/s from 1 to 10000000, was '" + raw + "'");
        }
        return LoadSpec.closed(profile, f.integer("users", null, 50, 1, LoadModel.MAX_USERS));
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

                Console:
                  --attach URL           drive a running engine through its control API, e.g. http://10.0.0.5:8080
                  --token T              that engine's control token              [SLUICE_CONTROL_TOKEN]
                  --classroom            start in classroom mode (large fonts, ingest mode shown big)
                  --load PROFILE         start a load at once: realistic, stress, firehose or read-mix
                  --users N              ...with N virtual users (closed model, default 50)
                  --rate R               ...or at R requests/s (open model)
                  --screenshot FILE      save the window as a PNG after --screenshot-after, then close
                  --screenshot-after DUR default 20s
                The console logs to DATA_DIR/console-gui.log; reports go to DATA_DIR/reports.
                Closing the window drains the embedded engine (it asks first while a load runs).

                """;
    }
}
