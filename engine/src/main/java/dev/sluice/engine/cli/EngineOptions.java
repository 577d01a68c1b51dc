package dev.sluice.engine.cli;

import dev.sluice.api.IngestMode;
import dev.sluice.api.Knobs;
import dev.sluice.api.cli.UsageException;
import dev.sluice.cli.CommandLines;
import dev.sluice.cli.EnvironmentDefaults;
import dev.sluice.cli.OptionsHelp;
import dev.sluice.engine.cluster.NodeIdentity;
import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.config.EngineConfig.ApiConfig;
import dev.sluice.engine.config.EngineConfig.ControlConfig;
import dev.sluice.engine.config.EngineConfig.SinkConfig;
import dev.sluice.engine.config.EngineConfig.StreamConfig;
import dev.sluice.engine.config.HttpLimits;
import dev.sluice.stores.RedisSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What {@code sluice engine} (and the consoles that start an embedded stack) was asked to run:
 * where the stores are and the engine's config. Read once, in {@code main}: flags win over
 * environment variables, which win over defaults.
 *
 * @param dataDir  where embedded stores keep their data
 * @param pgUrl    external PostgreSQL, or null for embedded
 * @param redisUrl external Redis, or null for embedded
 * @param redis    embedded Redis' maxmemory and fsync; whether an evicting external Redis is allowed
 * @param nodeId   the node identity given by {@code --node-id}, also in {@code config}'s consumer prefix; null
 *                 when none was given, and then {@link #withNodeId} sets the one kept in the data directory
 *                 before the engine starts ({@code LocalStack})
 */
public record EngineOptions(
        Path dataDir,
        String pgUrl,
        String redisUrl,
        EngineConfig config,
        boolean help,
        boolean tokenGenerated,
        RedisSettings redis,
        String nodeId) {

    public boolean embedded() {
        return pgUrl == null;
    }

    /** These options with {@code id} as the node identity (and so the consumer-name prefix). */
    public EngineOptions withNodeId(String id) {
        EngineConfig c = config.withStream(config.stream().withConsumerPrefix(id));
        return new EngineOptions(dataDir, pgUrl, redisUrl, c, help, tokenGenerated, redis, id);
    }

    /** Parses flags and environment; throws {@link UsageException} with one line on anything wrong. */
    public static EngineOptions parse(String[] args, Map<String, String> env) {
        Args parsed = new Args();
        CommandLine cl = CommandLines.of(parsed);
        cl.setDefaultValueProvider(defaults(env));
        CommandLines.parse(cl, args);
        if (parsed.help) {
            return new EngineOptions(
                    null, null, null, EngineConfig.defaults(), true, false, RedisSettings.defaults(), null);
        }
        return from(parsed.flags, env);
    }

    /** The environment variables behind the engine's options: {@code --workers} reads {@code SLUICE_WORKERS}. */
    public static EnvironmentDefaults defaults(Map<String, String> env) {
        return new EnvironmentDefaults(env, "SLUICE_", EngineFlags.NO_VARIABLE);
    }

    /**
     * The options from parsed flags (environment defaults already applied by {@link #defaults}).
     *
     * @throws UsageException with one line when a value is out of its record's range
     */
    public static EngineOptions from(EngineFlags f, Map<String, String> env) {
        String pgUrl = blankAsNull(f.pgUrl);
        String redisUrl = blankAsNull(f.redisUrl);
        if ((pgUrl == null) != (redisUrl == null)) {
            throw new UsageException(
                    "give both --pg-url and --redis-url for external stores, or neither for embedded ones");
        }
        Path dataDir = Path.of(or(f.dataDir, "sluice-data")).toAbsolutePath().normalize();
        try {
            ApiConfig api = api(f);
            Knobs knobs = knobs(f);
            StreamConfig sd = StreamConfig.defaults();
            String nodeId = f.nodeId == null ? null : NodeIdentity.check(f.nodeId.strip(), "--node-id");
            StreamConfig stream = new StreamConfig(
                    sd.key(),
                    sd.group(),
                    nodeId == null ? sd.consumerPrefix() : nodeId,
                    or(f.reclaimIdle, sd.reclaimIdle()),
                    or(f.maxAttempts, sd.maxAttempts()),
                    or(f.idempotencyWindow, sd.idempotencyWindow()),
                    or(f.streamShards, sd.shards()));
            SinkConfig sink = new SinkConfig(
                    or(f.poolSize, SinkConfig.defaults().poolSize()),
                    f.retention,
                    f.ginIndex || "true".equalsIgnoreCase(env.get("SLUICE_GIN_INDEX")));
            String token = blankAsNull(f.controlToken);
            boolean generated = false;
            if (token == null && !isLoopback(api.host())) {
                token = newToken();
                generated = true;
            }
            // off loopback the read routes need the control token, the same rule as /control
            ControlConfig cd = ControlConfig.defaults();
            ControlConfig control = new ControlConfig(
                    or(f.tick, cd.tick()), cd.history(), token, blankAsNull(f.ingestToken), !isLoopback(api.host()));
            RedisSettings rd = RedisSettings.defaults();
            String maxMemory = blankAsNull(f.redisMaxMemory);
            RedisSettings redis = new RedisSettings(
                    maxMemory == null ? rd.maxMemoryBytes() : RedisSettings.parseSize("--redis-maxmemory", maxMemory),
                    RedisSettings.Fsync.fromLabel(or(f.redisFsync, rd.fsync().label())),
                    f.allowEviction || "true".equalsIgnoreCase(env.get("SLUICE_ALLOW_EVICTION")));
            return new EngineOptions(
                    dataDir,
                    pgUrl,
                    redisUrl,
                    new EngineConfig(api, stream, sink, control, knobs),
                    false,
                    generated,
                    redis,
                    nodeId);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static ApiConfig api(EngineFlags f) {
        ApiConfig d = ApiConfig.defaults();
        HttpLimits ld = HttpLimits.defaults();
        HttpLimits limits = new HttpLimits(
                or(f.headerTimeout, ld.headerTimeout()),
                or(f.idleTimeout, ld.idleTimeout()),
                or(f.minBodyRate, ld.minBodyBytesPerSec()),
                or(f.maxHeader, ld.maxHeaderBytes()),
                or(f.maxConnections, ld.maxConnections()));
        int maxBatch = or(f.maxBatch, d.maxBatchEvents());
        return new ApiConfig(
                or(f.host, d.host()),
                or(f.port, d.port()),
                or(f.maxBody, d.maxBodyBytes()),
                maxBatch,
                or(f.storeTimeout, d.storeTimeout()),
                Math.max(d.maxInFlightEvents(), maxBatch),
                limits,
                or(f.warmUp, d.warmUp()),
                or(f.rateLimit, 0));
    }

    private static Knobs knobs(EngineFlags f) {
        Knobs d = Knobs.defaults();
        int highWater = or(f.highWater, d.highWater());
        // a high mark given alone brings its low mark along (three quarters), so --high-water 5000 just works
        int lowDefault = highWater == d.highWater() ? d.lowWater() : Math.max(1, highWater / 4 * 3);
        return new Knobs(
                or(f.workers, d.workers()),
                or(f.batchSize, d.batchSize()),
                or(f.flushInterval, d.flushInterval()),
                IngestMode.fromLabel(or(f.mode, d.mode().label())),
                f.paused,
                highWater,
                or(f.lowWater, lowDefault));
    }

    private static <T> T or(T value, T fallback) {
        return value == null || (value instanceof String s && s.isBlank()) ? fallback : value;
    }

    private static String blankAsNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** True for 127.0.0.0/8, ::1 and localhost: the control API needs no token there. */
    public static boolean isLoopback(String host) {
        String h = host.trim().toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The option list shared by every command that can start an embedded stack. */
    public static String optionsHelp() {
        return OptionsHelp.render(spec(), EngineFlags.SECTIONS, Map.of()) + durationsHelp();
    }

    /** The one line on durations every command's help ends its option list with. */
    public static String durationsHelp() {
        return "Durations need a unit: 250ms, 2s, 5m, 1h, 1m30s, or ISO-8601 such as PT2S (a bare number is refused).\n";
    }

    static CommandSpec spec() {
        return CommandSpec.forAnnotatedObject(new EngineFlags());
    }

    public Duration drain() {
        return Duration.ofSeconds(30);
    }

    /** The engine's options plus {@code --help}, for {@link #parse}. */
    @Command(name = "engine")
    static final class Args {
        @Mixin
        EngineFlags flags = new EngineFlags();

        @Option(
                names = {"-h", "--help"},
                usageHelp = true)
        boolean help;
    }
}
