package dev.sluice.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.IngestMode;
import dev.sluice.api.cli.UsageException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineOptionsTest {

    @Test
    void defaults_are_embedded_on_loopback_8080() {
        EngineOptions o = EngineOptions.parse(new String[0], Map.of());
        assertThat(o.embedded()).isTrue();
        assertThat(o.dataDir().getFileName().toString()).isEqualTo("sluice-data");
        assertThat(o.config().api().host()).isEqualTo("127.0.0.1");
        assertThat(o.config().api().port()).isEqualTo(8080);
        assertThat(o.config().knobs().workers()).isEqualTo(10);
        assertThat(o.config().knobs().batchSize()).isEqualTo(500);
        assertThat(o.config().knobs().flushInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(o.config().knobs().mode()).isEqualTo(IngestMode.STREAM_COPY);
    }

    @Test
    void flags_win_over_environment() {
        EngineOptions o = EngineOptions.parse(
                new String[] {"--port=9000", "--workers", "3", "--flush-interval", "2s", "--mode", "stream-insert"},
                Map.of("SLUICE_PORT", "7000", "SLUICE_BATCH_SIZE", "50"));
        assertThat(o.config().api().port()).isEqualTo(9000);
        assertThat(o.config().knobs().batchSize()).isEqualTo(50);
        assertThat(o.config().knobs().workers()).isEqualTo(3);
        assertThat(o.config().knobs().flushInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.config().knobs().mode()).isEqualTo(IngestMode.STREAM_INSERT);
    }

    @Test
    void bad_input_is_one_readable_line() {
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--bogus"}, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown option '--bogus' (see --help)");
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--port", "http"}, Map.of()))
                .hasMessageContaining("--port must be a whole number from 0 to 65535");
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--workers", "300"}, Map.of()))
                .hasMessageContaining("1 to 256");
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--mode", "fast"}, Map.of()))
                .hasMessageContaining("stream-copy");
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--flush-interval", "soon"}, Map.of()))
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--pg-url", "postgresql://x/y"}, Map.of()))
                .hasMessageContaining("both --pg-url and --redis-url");
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--port"}, Map.of()))
                .hasMessage("--port needs a value");
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--ingest-token", "has a space"}, Map.of()))
                .hasMessageContaining("ingest token must be printable ASCII without spaces");
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--node-id", "app 1"}, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("--node-id must be 1..48 letters, digits, '.', '_' or '-', starting with a letter or digit,"
                        + " was 'app 1'");
    }

    @Test
    void retention_and_the_gin_index_are_off_unless_asked_for() {
        EngineOptions none = EngineOptions.parse(new String[0], Map.of());
        assertThat(none.config().sink().retention()).isNull();
        assertThat(none.config().sink().ginIndex()).isFalse();
        EngineOptions flags = EngineOptions.parse(new String[] {"--retention", "30d", "--gin-index"}, Map.of());
        assertThat(flags.config().sink().retention()).isEqualTo(Duration.ofDays(30));
        assertThat(flags.config().sink().ginIndex()).isTrue();
        EngineOptions env =
                EngineOptions.parse(new String[0], Map.of("SLUICE_RETENTION", "720h", "SLUICE_GIN_INDEX", "true"));
        assertThat(env.config().sink().retention()).isEqualTo(Duration.ofDays(30));
        assertThat(env.config().sink().ginIndex()).isTrue();
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--retention", "12h"}, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("retention must be at least 1d (rows go by whole days), was 43200000 ms");
    }

    @Test
    void node_id_comes_from_flag_or_environment_and_names_the_consumers() {
        EngineOptions given = EngineOptions.parse(new String[] {"--node-id", "app1"}, Map.of("SLUICE_NODE_ID", "env"));
        assertThat(given.nodeId()).isEqualTo("app1");
        assertThat(given.config().stream().consumerPrefix()).isEqualTo("app1");
        EngineOptions env = EngineOptions.parse(new String[0], Map.of("SLUICE_NODE_ID", "app2"));
        assertThat(env.nodeId()).isEqualTo("app2");
        EngineOptions none = EngineOptions.parse(new String[0], Map.of());
        assertThat(none.nodeId())
                .as("kept in the data directory, resolved at start")
                .isNull();
        assertThat(none.withNodeId("vm-3f9a1c").config().stream().consumerPrefix())
                .isEqualTo("vm-3f9a1c");
    }

    @Test
    void idempotency_window_defaults_to_an_hour_and_takes_flag_or_environment() {
        assertThat(EngineOptions.parse(new String[0], Map.of()).config().stream()
                        .idempotencyWindow())
                .isEqualTo(Duration.ofHours(1));
        assertThat(EngineOptions.parse(new String[0], Map.of("SLUICE_IDEMPOTENCY_WINDOW", "24h")).config().stream()
                        .idempotencyWindow())
                .isEqualTo(Duration.ofHours(24));
        assertThat(EngineOptions.parse(
                                new String[] {"--idempotency-window", "10m"},
                                Map.of("SLUICE_IDEMPOTENCY_WINDOW", "24h"))
                        .config()
                        .stream()
                        .idempotencyWindow())
                .isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--idempotency-window", "500ms"}, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("idempotency window must be 1 s..168 h, was 500 ms");
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--idempotency-window", "169h"}, Map.of()))
                .hasMessage("idempotency window must be 1 s..168 h, was 608400000 ms");
    }

    @Test
    void flush_interval_outside_its_range_names_the_knob() {
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--flush-interval", "20s"}, Map.of()))
                .hasMessageContaining("flush interval must be 1 ms..10 s");
    }

    @Test
    void control_token_is_generated_off_loopback_and_kept_when_given() {
        EngineOptions loopback = EngineOptions.parse(new String[0], Map.of());
        assertThat(loopback.config().control().token()).isNull();
        assertThat(loopback.tokenGenerated()).isFalse();

        EngineOptions wide = EngineOptions.parse(new String[] {"--host", "0.0.0.0"}, Map.of());
        assertThat(wide.config().control().token()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(wide.tokenGenerated()).isTrue();
        assertThat(EngineOptions.parse(new String[] {"--host", "0.0.0.0"}, Map.of())
                        .config()
                        .control()
                        .token())
                .isNotEqualTo(wide.config().control().token());

        EngineOptions given = EngineOptions.parse(
                new String[] {"--host", "10.1.2.3"}, Map.of("SLUICE_CONTROL_TOKEN", "team-secret-1"));
        assertThat(given.config().control().token()).isEqualTo("team-secret-1");
        assertThat(given.tokenGenerated()).isFalse();
        assertThat(given.config().control().toString()).doesNotContain("team-secret-1");

        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--control-token", "short"}, Map.of()))
                .hasMessageContaining("at least 8");
        assertThat(EngineOptions.isLoopback("127.0.0.1")).isTrue();
        assertThat(EngineOptions.isLoopback("localhost")).isTrue();
        assertThat(EngineOptions.isLoopback("::1")).isTrue();
        assertThat(EngineOptions.isLoopback("0.0.0.0")).isFalse();
    }

    @Test
    void pressure_flags_parse_with_their_environment_variables() {
        EngineOptions o = EngineOptions.parse(
                new String[] {
                    "--high-water", "5000", "--redis-maxmemory", "512mb", "--redis-fsync", "always", "--allow-eviction"
                },
                Map.of("SLUICE_INGEST_TOKEN", "ingest-secret-1"));
        assertThat(o.config().knobs().highWater()).isEqualTo(5000);
        assertThat(o.config().knobs().lowWater())
                .as("low mark follows a lone high mark")
                .isEqualTo(3750);
        assertThat(o.redis().maxMemoryBytes()).isEqualTo(512L << 20);
        assertThat(o.redis().fsync()).isEqualTo(dev.sluice.stores.RedisSettings.Fsync.ALWAYS);
        assertThat(o.redis().allowEviction()).isTrue();
        assertThat(o.config().control().ingestToken()).isEqualTo("ingest-secret-1");
        assertThat(o.config().control().readToken())
                .as("loopback reads are open")
                .isNull();

        EngineOptions d = EngineOptions.parse(new String[0], Map.of("SLUICE_REDIS_MAXMEMORY", "2gb"));
        assertThat(d.redis().maxMemoryBytes()).isEqualTo(2L << 30);
        assertThat(d.redis().fsync()).isEqualTo(dev.sluice.stores.RedisSettings.Fsync.EVERYSEC);
        assertThat(d.config().knobs().lowWater()).isEqualTo(750_000);
    }

    @Test
    void off_loopback_reads_need_the_control_token() {
        EngineOptions o =
                EngineOptions.parse(new String[] {"--host", "0.0.0.0", "--control-token", "control-secret"}, Map.of());
        assertThat(o.config().control().readToken()).isEqualTo("control-secret");
    }

    @Test
    void bad_pressure_flags_are_one_readable_line() {
        assertThatThrownBy(
                        () -> EngineOptions.parse(new String[] {"--high-water", "100", "--low-water", "100"}, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("low water must be 1..high water - 1 (99), was 100");
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--redis-maxmemory", "lots"}, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("--redis-maxmemory must be a size such as 512mb or 2gb, was 'lots'");
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--redis-maxmemory", "1mb"}, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("at least 8mb");
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--redis-fsync", "never"}, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("redis fsync must be always or everysec, was 'never'");
    }

    @Test
    void http_limits_come_from_flags_and_environment() {
        EngineOptions o = EngineOptions.parse(
                new String[] {"--header-timeout", "3s", "--max-connections", "2000"},
                Map.of("SLUICE_IDLE_TIMEOUT", "20s", "SLUICE_MIN_BODY_RATE", "0", "SLUICE_MAX_HEADER", "4096"));
        var limits = o.config().api().limits();
        assertThat(limits.headerTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(limits.idleTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(limits.minBodyBytesPerSec()).isZero();
        assertThat(limits.maxHeaderBytes()).isEqualTo(4096);
        assertThat(limits.maxConnections()).isEqualTo(2000);
    }

    @Test
    void header_timeout_below_a_second_names_the_setting() {
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--header-timeout", "200ms"}, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("header timeout must be 1 s..10 min, was 200 ms");
    }

    @Test
    void a_duration_needs_its_unit() {
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--flush-interval", "100"}, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("--flush-interval needs a unit, e.g. 100ms or 100s, was '100'");
        assertThat(EngineOptions.parse(new String[] {"--tick", "PT0.5S"}, Map.of())
                        .config()
                        .control()
                        .tick())
                .isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void a_bad_environment_value_names_its_variable() {
        assertThatThrownBy(() -> EngineOptions.parse(new String[0], Map.of("SLUICE_TICK", "5")))
                .isInstanceOf(UsageException.class)
                .hasMessage("SLUICE_TICK needs a unit, e.g. 5ms or 5s, was '5'");
        assertThatThrownBy(() -> EngineOptions.parse(new String[0], Map.of("SLUICE_WORKERS", "lots")))
                .hasMessage("SLUICE_WORKERS must be a whole number from 1 to 256, was 'lots'");
    }

    @Test
    void a_near_miss_suggests_the_option_and_help_is_a_flag_like_the_others() {
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--worker", "3"}, Map.of()))
                .hasMessage("unknown option '--worker' (did you mean --workers? see --help)");
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"serve"}, Map.of()))
                .hasMessage("unexpected argument 'serve' (options start with --; see --help)");
        assertThat(EngineOptions.parse(new String[] {"-h"}, Map.of()).help()).isTrue();
        assertThat(EngineOptions.parse(new String[] {"--workers", "3", "--workers", "4"}, Map.of())
                        .config()
                        .knobs()
                        .workers())
                .as("the last of a repeated flag wins")
                .isEqualTo(4);
    }

    @Test
    void help_lists_every_option_with_its_variable() {
        String help = EngineOptions.optionsHelp();
        assertThat(help)
                .contains(
                        "--workers N",
                        "[SLUICE_WORKERS, default 10]",
                        "--flush-interval DUR",
                        "--paused",
                        "Durations need a unit");
        for (var option : EngineOptions.spec().options()) {
            String name = option.longestName();
            assertThat(help).contains(name);
            if (!EngineFlags.NO_VARIABLE.contains(name)) {
                assertThat(help)
                        .contains("SLUICE_" + name.substring(2).toUpperCase().replace('-', '_'));
            }
        }
    }
}
