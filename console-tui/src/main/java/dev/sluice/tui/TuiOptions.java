package dev.sluice.tui;

import dev.sluice.api.EngineSessions;
import dev.sluice.api.LocalEngineOptions;
import dev.sluice.api.cli.AttachArgs;
import dev.sluice.api.cli.UsageException;
import dev.sluice.cli.CommandLines;
import java.net.URI;
import java.nio.file.Path;
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
 * @param local      the local engine's checked options; null when attached
 * @param theme      colour and glyphs for this terminal
 */
record TuiOptions(
        boolean help,
        URI attach,
        String token,
        List<String> engineArgs,
        Path dataDir,
        LocalEngineOptions local,
        Theme theme) {

    TuiOptions {
        engineArgs = engineArgs == null ? List.of() : List.copyOf(engineArgs);
    }

    /** True for a local engine on embedded stores. */
    boolean embedded() {
        return local != null && local.embedded();
    }

    /** The console's log file: in the data directory, never the terminal. */
    Path logFile() {
        return dataDir.resolve("console-tui.log");
    }

    /** Parses flags and environment; throws {@link UsageException} with one line on anything wrong. */
    static TuiOptions parse(String[] args, Map<String, String> env) {
        TuiCommand flags = new TuiCommand(env, System.out, System.err);
        CommandLines.parse(CommandLines.of(flags), args);
        if (flags.helpRequested()) {
            return new TuiOptions(true, null, null, List.of(), null, null, null);
        }
        return from(flags, env);
    }

    /** The options from parsed flags; the engine's arguments are checked by the engine (through the seam). */
    static TuiOptions from(TuiCommand flags, Map<String, String> env) {
        URI attach = flags.attach == null ? null : attachUri(flags.attach);
        String token = flags.token != null ? flags.token : env.get("SLUICE_CONTROL_TOKEN");
        Theme theme = new Theme(!flags.mono && colorTerminal(env), !flags.ascii && unicodeTerminal(env));
        List<String> rest = flags.engineArgs();
        if (attach != null) {
            Path dataDir = AttachArgs.dataDir(
                    rest, env, r -> r.split("=")[0] + " is for the embedded engine and does not apply with --attach");
            return new TuiOptions(false, attach, token, List.of(), dataDir, null, theme);
        }
        LocalEngineOptions local = EngineSessions.checkLocal(rest, env);
        return new TuiOptions(false, null, token, rest, local.dataDir(), local, theme);
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
        return !(term.isEmpty()
                || term.equals("dumb")
                || term.startsWith("vt")
                || term.contains("mono")
                || term.endsWith("-m"));
    }

    private static final String NO_ENGINE_HELP =
            "Engine options: none here, this console has no engine on its classpath;" + " use --attach URL.\n";

    static String usage() {
        return """
                Usage: sluice tui [options]
                       sluice tui --attach http://HOST:PORT [--token T]

                A full-screen terminal console: live charts, knobs and load for the engine. Without --attach
                it starts the engine in this process, with the same options as 'sluice engine', and q drains
                and stops it. Works over SSH; press ? inside for every key.

                """ + TuiCommand.optionsHelp() + "\n"
                + EngineSessions.localOptionsHelp().orElse(NO_ENGINE_HELP);
    }
}
