package dev.sluice.tui;

import dev.sluice.api.EngineSessions;
import dev.sluice.api.LocalEngineOptions;
import dev.sluice.api.cli.AttachArgs;
import dev.sluice.api.cli.UsageException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code sluice tui} was asked to do: start an engine (with exactly the flags of
 * {@code sluice engine}) or attach to a running one, and how to draw. Read once, in {@code main}.
 *
 * @param attach     the engine to attach to, or null to start one in this process
 * @param token      the attached engine's control token, or null
 * @param engineArgs the local engine's arguments, checked as {@code sluice engine} checks them; empty when attaching
 * @param dataDir    where the log file goes (and, for a local engine, the embedded stores' data)
 * @param embedded   the local engine runs on embedded stores (false: external ones, or attached)
 * @param theme      colour and glyphs for this terminal
 */
record TuiOptions(boolean help, URI attach, String token, List<String> engineArgs, Path dataDir, boolean embedded, Theme theme) {

    TuiOptions {
        engineArgs = engineArgs == null ? List.of() : List.copyOf(engineArgs);
    }

    /** The console's log file: in the data directory, never the terminal. */
    Path logFile() {
        return dataDir.resolve("console-tui.log");
    }

    /** Parses flags and environment; throws {@link UsageException} with one line on anything wrong. */
    static TuiOptions parse(String[] args, Map<String, String> env) {
        URI attach = null;
        String token = env.get("SLUICE_CONTROL_TOKEN");
        boolean ascii = false;
        boolean mono = false;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            switch (name) {
                case "--help", "-h" -> {
                    return new TuiOptions(true, null, null, List.of(), null, false, null);
                }
                case "--attach" -> {
                    String v = value(args, i, a);
                    i += a.contains("=") ? 0 : 1;
                    attach = attachUri(v);
                }
                case "--token" -> {
                    token = value(args, i, a);
                    i += a.contains("=") ? 0 : 1;
                }
                case "--ascii" -> ascii = true;
                case "--mono" -> mono = true;
                default -> rest.add(a);
            }
        }
        Theme theme = new Theme(!mono && colorTerminal(env), !ascii && unicodeTerminal(env));
        if (attach != null) {
            Path dataDir = AttachArgs.dataDir(rest, env,
                    r -> r.split("=")[0] + " is for the embedded engine and does not apply with --attach");
            return new TuiOptions(false, attach, token, List.of(), dataDir, false, theme);
        }
        LocalEngineOptions local = EngineSessions.checkLocal(rest, env);
        return new TuiOptions(false, null, token, rest, local.dataDir(), local.embedded(), theme);
    }

    private static String value(String[] args, int i, String arg) {
        if (arg.contains("=")) {
            return arg.substring(arg.indexOf('=') + 1);
        }
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new UsageException(arg + " needs a value");
        }
        return args[i + 1];
    }

    private static URI attachUri(String v) {
        try {
            URI u = URI.create(v);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                return u;
            }
        } catch (IllegalArgumentException e) {
            // reported below with the expected shape
        }
        throw new UsageException("--attach needs the engine's URL, like http://127.0.0.1:8080, was '" + v + "'");
    }

    /** UTF-8 per the locale (LC_ALL, then LC_CTYPE, then LANG), on a terminal that has the glyphs. */
    static boolean unicodeTerminal(Map<String, String> env) {
        String term = env.getOrDefault("TERM", "");
        if (term.equals("linux") || term.startsWith("vt") || term.equals("dumb")) {
            return false;
        }
        for (String key : List.of("LC_ALL", "LC_CTYPE", "LANG")) {
            String v = env.get(key);
            if (v != null && !v.isEmpty()) {
                String s = v.toLowerCase(Locale.ROOT);
                return s.contains("utf-8") || s.contains("utf8");
            }
        }
        return false;
    }

    /** Colours unless NO_COLOR is set or TERM names a monochrome terminal. */
    static boolean colorTerminal(Map<String, String> env) {
        if (env.containsKey("NO_COLOR")) {
            return false;
        }
        String term = env.getOrDefault("TERM", "").toLowerCase(Locale.ROOT);
        return !(term.isEmpty() || term.equals("dumb") || term.startsWith("vt") || term.contains("mono") || term.endsWith("-m"));
    }

    private static final String NO_ENGINE_HELP = "Engine options: none here, this console has no engine on its classpath;"
            + " use --attach URL.\n";

    static String usage() {
        return """
                Usage: sluice tui [options]
                       sluice tui --attach http://HOST:PORT [--token T]

                A full-screen terminal console: live charts, knobs and load for the engine. Without --attach
                it starts the engine in this process, with the same options as 'sluice engine', and q drains
                and stops it. Works over SSH; press ? inside for every key.

                Console:
                  --attach URL           watch and tune a running engine instead of starting one
                  --token T              that engine's control token            [SLUICE_CONTROL_TOKEN]
                  --ascii                ASCII only (automatic when the locale is not UTF-8)
                  --mono                 no colours (automatic with NO_COLOR or a monochrome TERM)
                  The log goes to DATA_DIR/console-tui.log, never to the terminal.

                """ + EngineSessions.localOptionsHelp().orElse(NO_ENGINE_HELP);
    }
}
