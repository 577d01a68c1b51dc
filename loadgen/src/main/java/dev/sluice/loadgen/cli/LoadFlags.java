package dev.sluice.loadgen.cli;

import dev.sluice.cli.PositiveDurationConverter;
import dev.sluice.cli.WholeNumbers.IntRange;
import dev.sluice.cli.WholeNumbers.LongRange;
import dev.sluice.loadgen.api.LoadPlan;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code sluice loadgen} options as picocli binds them. A field left null was not given;
 * {@link LoadOptions} decides what that means (a profile's users, 30 s, no report).
 */
@Command(name = "loadgen", description = "offer HTTP load to an engine (or any URL) and report RPS, latency, errors")
final class LoadFlags {
    @Option(names = "--url", paramLabel = "URL", description = "target base URL, http://host:port[/prefix] (required)")
    String url;

    @Option(names = "--profile", paramLabel = "NAME", description = "workload (default: realistic); one of:")
    String profile;

    @Option(
            names = "--users",
            paramLabel = "N",
            converter = Users.class,
            description = "closed model: N virtual users (default: the profile's)")
    Integer users;

    @Option(
            names = "--rate",
            paramLabel = "R",
            converter = Rate.class,
            description = "open model: R requests/s held whatever the latency, 5k = 5000 (default: closed model)")
    Double rate;

    @Option(
            names = "--duration",
            paramLabel = "DUR",
            converter = PositiveDurationConverter.class,
            description = "how long to offer load: 500ms, 30s, 2m, 1m30s (default: 30s)")
    Duration duration;

    @Option(
            names = "--stages",
            paramLabel = "PLAN",
            description = "load over time instead of a constant (default: none), e.g.")
    String stages;

    @Option(
            names = "--requests",
            paramLabel = "N",
            converter = Requests.class,
            description = "stop after N requests, 0 = no limit (default: 0)")
    Long requests;

    @Option(
            names = "--connections",
            paramLabel = "N",
            converter = Connections.class,
            description = "keep-alive connections (default: 64)")
    Integer connections;

    @Option(
            names = "--io-threads",
            paramLabel = "N",
            converter = IoThreads.class,
            description = "I/O threads (default: min(2, cores))")
    Integer ioThreads;

    @Option(
            names = "--seed",
            paramLabel = "S",
            converter = Seed.class,
            description = "seed for events, batch sizes and think times (default: 1)")
    Long seed;

    @Option(
            names = "--connect-timeout",
            paramLabel = "DUR",
            converter = PositiveDurationConverter.class,
            description = "longest connect (default: 2s)")
    Duration connectTimeout;

    @Option(
            names = "--timeout",
            paramLabel = "DUR",
            converter = PositiveDurationConverter.class,
            description = "longest wait for an answer before it counts as a timeout (default: 10s)")
    Duration timeout;

    @Option(
            names = "--token",
            paramLabel = "T",
            description =
                    "send Authorization: Bearer T, for an engine with --ingest-token (default: $SLUICE_INGEST_TOKEN)")
    String token;

    @Option(
            names = "--report",
            paramLabel = "DIR",
            description = "write ticks.csv, summary.json, charts and report.html to DIR (default: none)")
    String report;

    @Option(names = "--quiet", description = "no live line per second (default: off)")
    boolean quiet;

    @Option(names = "--verbose", description = "lifecycle logs on stderr (default: warnings only)")
    boolean verbose;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "this text")
    boolean help;

    static final class Users extends IntRange {
        Users() {
            super(1, LoadPlan.MAX_USERS);
        }
    }

    static final class Connections extends IntRange {
        Connections() {
            super(1, 10_000);
        }
    }

    static final class IoThreads extends IntRange {
        IoThreads() {
            super(1, 64);
        }
    }

    static final class Requests extends LongRange {
        Requests() {
            super(0, Long.MAX_VALUE);
        }
    }

    static final class Seed extends LongRange {
        Seed() {
            super(Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    /** Requests per second; {@code 5k} means 5000. */
    static final class Rate implements ITypeConverter<Double> {
        private static final Pattern NUMBER = Pattern.compile("(-?\\d+(?:\\.\\d+)?)(k?)");
        private static final double MIN = 0.001;

        @Override
        public Double convert(String raw) {
            Matcher m = NUMBER.matcher(raw.trim().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                double v = Double.parseDouble(m.group(1)) * (m.group(2).isEmpty() ? 1 : 1000);
                if (v >= MIN && v <= LoadPlan.MAX_RATE) {
                    return v;
                }
            }
            throw new TypeConversionException("must be requests per second from " + Main.plain(MIN) + " to "
                    + Main.plain(LoadPlan.MAX_RATE) + " (5k = 5000), was '" + raw + "'");
        }
    }
}
