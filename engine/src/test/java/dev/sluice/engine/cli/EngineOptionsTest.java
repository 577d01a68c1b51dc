package dev.sluice.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.api.IngestMode;
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
        EngineOptions o = EngineOptions.parse(new String[] {"--port=9000", "--workers", "3", "--flush-interval", "2s",
            "--mode", "stream-insert"}, Map.of("SLUICE_PORT", "7000", "SLUICE_BATCH_SIZE", "50"));
        assertThat(o.config().api().port()).isEqualTo(9000);
        assertThat(o.config().knobs().batchSize()).isEqualTo(50);
        assertThat(o.config().knobs().workers()).isEqualTo(3);
        assertThat(o.config().knobs().flushInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.config().knobs().mode()).isEqualTo(IngestMode.STREAM_INSERT);
    }

    @Test
    void bad_input_is_one_readable_line() {
        assertThatThrownBy(() -> EngineOptions.parse(new String[] {"--bogus"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessage("unknown option '--bogus' (see --help)");
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
        assertThat(EngineOptions.parse(new String[] {"--host", "0.0.0.0"}, Map.of()).config().control().token())
                .isNotEqualTo(wide.config().control().token());

        EngineOptions given = EngineOptions.parse(new String[] {"--host", "10.1.2.3"}, Map.of("SLUICE_CONTROL_TOKEN", "team-secret-1"));
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
    void http_limits_come_from_flags_and_environment() {
        EngineOptions o = EngineOptions.parse(new String[] {"--header-timeout", "3s", "--max-connections", "2000"},
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
                .isInstanceOf(UsageException.class).hasMessage("header timeout must be 1 s..10 min, was 200 ms");
    }
}
