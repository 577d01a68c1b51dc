package dev.sluice.loadgen.cli;

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
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code sluice loadgen} command line, read once into a plan and a few output switches.
 *
 * @param reportDir where to write CSV, JSON, charts and HTML; empty for the terminal summary only
 * @param quiet     no live line per second
 * @param verbose   INFO logs on stderr (default: warnings only)
 */
public record LoadOptions(LoadPlan plan, Optional<Path> reportDir, boolean quiet, boolean verbose, boolean help) {

    private static final List<String> VALUED = List.of("url", "profile", "users", "rate", "duration", "stages",
            "requests", "connections", "io-threads", "seed", "connect-timeout", "timeout", "report", "token");
    private static final List<String> BOOLEANS = List.of("quiet", "verbose", "help");
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
        Flags f = Flags.parse(args, VALUED, BOOLEANS);
        if (f.bool("help")) {
            return new LoadOptions(null, Optional.empty(), false, false, true);
        }
        if (!f.has("url")) {
            throw new UsageException("--url is required (e.g. --url http://127.0.0.1:8080)");
        }
        Profile profile;
        try {
            profile = profiles.named(f.string("profile", "realistic"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (f.has("users") && f.has("rate")) {
            throw new UsageException("give --users (closed model) or --rate (open model), not both");
        }
        LoadPlan.Builder b = LoadPlan.builder(url(f.string("url", ""))).profile(profile.name());
        double initial = 0;
        if (f.has("rate")) {
            initial = f.number("rate", 0.001, LoadPlan.MAX_RATE, "requests per second");
            b.rate(initial);
        } else {
            initial = f.integer("users", profile.defaultUsers(), 1, LoadPlan.MAX_USERS);
            b.users((int) initial);
        }
        if (f.has("stages")) {
            stages(f, b, initial);
        } else {
            b.duration(f.duration("duration", DEFAULT_DURATION));
        }
        b.requestLimit(f.integer("requests", 0, 0, Long.MAX_VALUE))
                .connections((int) f.integer("connections", 64, 1, 10_000))
                .ioThreads((int) f.integer("io-threads", defaultIoThreads(), 1, 64))
                .seed(f.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE))
                .connectTimeout(f.duration("connect-timeout", Duration.ofSeconds(2)))
                .requestTimeout(f.duration("timeout", Duration.ofSeconds(10)))
                .bearerToken(token(f, env));
        LoadPlan plan;
        try {
            plan = b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Optional<Path> report = f.has("report") ? Optional.of(Path.of(f.string("report", "."))) : Optional.empty();
        return new LoadOptions(plan, report, f.bool("quiet"), f.bool("verbose"), false);
    }

    private static void stages(Flags f, LoadPlan.Builder b, double initial) {
        StagePlan stages;
        try {
            stages = StagePlan.parse(f.string("stages", ""), f.has("users") || f.has("rate") ? initial : 0);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--stages: " + e.getMessage());
        }
        if ((f.has("users") && stages.model() == LoadModel.OPEN) || (f.has("rate") && stages.model() == LoadModel.CLOSED)) {
            throw new UsageException("--stages set " + (stages.model() == LoadModel.OPEN ? "a rate" : "users")
                    + " but --" + (f.has("users") ? "users" : "rate") + " was given too (one model per run)");
        }
        if (f.has("duration") && !f.duration("duration", null).equals(stages.totalDuration())) {
            throw new UsageException("--duration " + f.string("duration", "") + " conflicts with --stages, which last "
                    + stages.totalDuration().toSeconds() + "s; give one of them");
        }
        b.stages(stages);
    }

    private static String token(Flags f, Function<String, String> env) {
        String token = f.has("token") ? f.string("token", "") : env.apply(TOKEN_ENV);
        String from = f.has("token") ? "--token" : TOKEN_ENV;
        if (token == null || (!f.has("token") && token.isEmpty())) {
            return null;
        }
        if (!token.matches("[\\x21-\\x7E]+")) {
            throw new UsageException(from + " must be printable ASCII without spaces (" + token.length() + " characters given)");
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
            throw new UsageException("--url: https is not supported (loadgen speaks plain HTTP/1.1), was '" + raw + "'");
        }
        if (!scheme.equals("http") || uri.getHost() == null) {
            throw new UsageException("--url must look like http://host:port, was '" + raw + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new UsageException("--url takes no query or fragment (profiles add their own paths), was '" + raw + "'");
        }
        return uri;
    }

    static int defaultIoThreads() {
        return Math.min(2, Runtime.getRuntime().availableProcessors());
    }

    /** Every option with its default, for {@code --help}. */
    public static String optionsHelp(Profiles profiles) {
        StringBuilder sb = new StringBuilder("Options:\n");
        opt(sb, "--url URL", "target base URL, http://host:port[/prefix] (required)");
        opt(sb, "--profile NAME", "workload (default: realistic); one of:");
        for (Profile p : profiles.all()) {
            sb.append(String.format(Locale.ROOT, "%30s%-10s %s%n", "", p.name(), p.description()));
        }
        opt(sb, "--users N", "closed model: N virtual users (default: the profile's)");
        opt(sb, "--rate R", "open model: R requests/s held whatever the latency, 5k = 5000 (default: closed model)");
        opt(sb, "--duration DUR", "how long to offer load: 500ms, 30s, 2m, 1m30s (default: 30s)");
        opt(sb, "--stages PLAN", "load over time instead of a constant (default: none), e.g.");
        sb.append(String.format(Locale.ROOT, "%30s%s%n", "", "\"0->1000 users over 30s, hold 60s\""));
        sb.append(String.format(Locale.ROOT, "%30s%s%n", "", "\"rate 5k 10k 20k for 20s each\", \"1k->5k rps over 1m\""));
        opt(sb, "--requests N", "stop after N requests, 0 = no limit (default: 0)");
        opt(sb, "--connections N", "keep-alive connections (default: 64)");
        opt(sb, "--io-threads N", "I/O threads (default: " + defaultIoThreads() + ", min(2, cores))");
        opt(sb, "--seed S", "seed for events, batch sizes and think times (default: 1)");
        opt(sb, "--connect-timeout DUR", "longest connect (default: 2s)");
        opt(sb, "--timeout DUR", "longest wait for an answer before it counts as a timeout (default: 10s)");
        opt(sb, "--token T", "send Authorization: Bearer T, for an engine with --ingest-token (default: $" + TOKEN_ENV + ")");
        opt(sb, "--report DIR", "write ticks.csv, summary.json, charts and report.html to DIR (default: none)");
        opt(sb, "--quiet", "no live line per second (default: off)");
        opt(sb, "--verbose", "lifecycle logs on stderr (default: warnings only)");
        opt(sb, "--help", "this text");
        return sb.toString();
    }

    private static void opt(StringBuilder sb, String name, String text) {
        sb.append(String.format(Locale.ROOT, "  %-26s  %s%n", name, text));
    }
}
