package dev.sluice.loadgen.cli;

import dev.sluice.api.Durations;
import dev.sluice.api.cli.UsageException;
import dev.sluice.cli.CommandLines;
import dev.sluice.cli.OptionsHelp;
import dev.sluice.loadgen.Profiles;
import dev.sluice.loadgen.api.LoadModel;
import dev.sluice.loadgen.api.LoadPlan;
import dev.sluice.loadgen.api.Profile;
import dev.sluice.loadgen.api.StagePlan;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code sluice loadgen} command line, read once into a plan and a few output switches.
 *
 * @param reportDir where to write CSV, JSON, charts and HTML; empty for the terminal summary only
 * @param quiet     no live line per second
 * @param verbose   INFO logs on stderr (default: warnings only)
 */
public record LoadOptions(LoadPlan plan, Optional<Path> reportDir, boolean quiet, boolean verbose, boolean help) {

    private static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);

    /** Where {@code --token} comes from when the flag is not given: the engine's own variable. */
    static final String TOKEN_ENV = "SLUICE_INGEST_TOKEN";

    /** Reads the command line; {@code --token} falls back to {@value #TOKEN_ENV}. */
    public static LoadOptions parse(String[] args, Profiles profiles) {
        return parse(args, profiles, System::getenv);
    }

    /**
     * @param env environment lookup (System::getenv; a map in tests)
     * @throws UsageException with one line naming the bad option and value
     */
    static LoadOptions parse(String[] args, Profiles profiles, Function<String, String> env) {
        LoadFlags flags = new LoadFlags();
        CommandLines.parse(CommandLines.of(flags), args);
        if (flags.help) {
            return new LoadOptions(null, Optional.empty(), false, false, true);
        }
        return from(flags, profiles, env);
    }

    /** The options from parsed flags; throws {@link UsageException} when they do not make one plan. */
    static LoadOptions from(LoadFlags f, Profiles profiles, Function<String, String> env) {
        if (f.url == null) {
            throw new UsageException("--url is required (e.g. --url http://127.0.0.1:8080)");
        }
        Profile profile;
        try {
            profile = profiles.named(f.profile == null || f.profile.isBlank() ? "realistic" : f.profile.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (f.users != null && f.rate != null) {
            throw new UsageException("give --users (closed model) or --rate (open model), not both");
        }
        LoadPlan.Builder b = LoadPlan.builder(url(f.url.trim())).profile(profile.name());
        double initial;
        if (f.rate != null) {
            initial = f.rate;
            b.rate(initial);
        } else {
            initial = f.users == null ? profile.defaultUsers() : f.users;
            b.users((int) initial);
        }
        if (f.stages != null) {
            stages(f, b, initial);
        } else {
            b.duration(f.duration == null ? DEFAULT_DURATION : f.duration);
        }
        b.requestLimit(f.requests == null ? 0 : f.requests)
                .connections(f.connections == null ? 64 : f.connections)
                .ioThreads(f.ioThreads == null ? defaultIoThreads() : f.ioThreads)
                .seed(f.seed == null ? 1 : f.seed)
                .connectTimeout(f.connectTimeout == null ? Duration.ofSeconds(2) : f.connectTimeout)
                .requestTimeout(f.timeout == null ? Duration.ofSeconds(10) : f.timeout)
                .bearerToken(token(f, env));
        LoadPlan plan;
        try {
            plan = b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Optional<Path> report =
                f.report == null ? Optional.empty() : Optional.of(Path.of(f.report.isBlank() ? "." : f.report.trim()));
        return new LoadOptions(plan, report, f.quiet, f.verbose, false);
    }

    private static void stages(LoadFlags f, LoadPlan.Builder b, double initial) {
        StagePlan stages;
        try {
            stages = StagePlan.parse(f.stages.trim(), f.users != null || f.rate != null ? initial : 0);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--stages: " + e.getMessage());
        }
        if ((f.users != null && stages.model() == LoadModel.OPEN)
                || (f.rate != null && stages.model() == LoadModel.CLOSED)) {
            throw new UsageException("--stages set " + (stages.model() == LoadModel.OPEN ? "a rate" : "users")
                    + " but --" + (f.users != null ? "users" : "rate") + " was given too (one model per run)");
        }
        if (f.duration != null && !f.duration.equals(stages.totalDuration())) {
            throw new UsageException(
                    "--duration " + Durations.format(f.duration) + " conflicts with --stages, which last "
                            + stages.totalDuration().toSeconds() + "s; give one of them");
        }
        b.stages(stages);
    }

    private static String token(LoadFlags f, Function<String, String> env) {
        boolean given = f.token != null;
        String token = given ? f.token.trim() : env.apply(TOKEN_ENV);
        String from = given ? "--token" : TOKEN_ENV;
        if (token == null || (!given && token.isEmpty())) {
            return null;
        }
        if (!token.matches("[\\x21-\\x7E]+")) {
            throw new UsageException(
                    from + " must be printable ASCII without spaces (" + token.length() + " characters given)");
        }
        return token;
    }

    private static URI url(String raw) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new UsageException("--url is not a URL: '" + raw + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            throw new UsageException(
                    "--url: https is not supported (loadgen speaks plain HTTP/1.1), was '" + raw + "'");
        }
        if (!scheme.equals("http") || uri.getHost() == null) {
            throw new UsageException("--url must look like http://host:port, was '" + raw + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new UsageException(
                    "--url takes no query or fragment (profiles add their own paths), was '" + raw + "'");
        }
        return uri;
    }

    static int defaultIoThreads() {
        return Math.min(2, Runtime.getRuntime().availableProcessors());
    }

    /** Every option with its default, for {@code --help}. */
    public static String optionsHelp(Profiles profiles) {
        String indent = " ".repeat(OptionsHelp.NAME_COLUMN);
        List<String> names = profiles.all().stream()
                .map(p -> String.format(Locale.ROOT, "%s%-10s %s", indent, p.name(), p.description()))
                .toList();
        List<String> examples = List.of(
                indent + "\"0->1000 users over 30s, hold 60s\"",
                indent + "\"rate 5k 10k 20k for 20s each\", \"1k->5k rps over 1m\"");
        return "Options:\n"
                + OptionsHelp.render(
                        CommandSpec.forAnnotatedObject(new LoadFlags()),
                        Map.of(),
                        Map.of("--profile", names, "--stages", examples))
                + "Durations need a unit: 500ms, 30s, 2m, 1m30s, or ISO-8601 such as PT30S.\n";
    }
}
