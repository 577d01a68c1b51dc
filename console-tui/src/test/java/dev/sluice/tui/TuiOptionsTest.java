package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.cli.UsageException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TuiOptionsTest {
    private static final Map<String, String> UTF8_XTERM = Map.of("TERM", "xterm-256color", "LANG", "en_US.UTF-8");

    @Test
    void engine_flags_pass_through_to_the_embedded_engine() {
        TuiOptions o =
                TuiOptions.parse(new String[] {"--data-dir", "/tmp/x", "--port", "0", "--workers", "4"}, UTF8_XTERM);
        assertThat(o.attach()).isNull();
        assertThat(o.engineArgs()).containsExactly("--data-dir", "/tmp/x", "--port", "0", "--workers", "4");
        assertThat(o.embedded()).isTrue();
        assertThat(o.logFile().toString()).isEqualTo("/tmp/x/console-tui.log");
        assertThat(o.theme()).isEqualTo(new Theme(true, true));
    }

    @Test
    void the_start_line_says_what_will_start_and_how_long_the_warm_up_may_take() {
        assertThat(TuiOptions.parse(new String[] {"--data-dir", "/tmp/x"}, UTF8_XTERM)
                        .local()
                        .startPlan())
                .isEqualTo("embedded PostgreSQL, Redis and the engine in /tmp/x, then warming up its JIT"
                        + " (at most 20 s; --warm-up 0s skips it)");
        assertThat(TuiOptions.parse(new String[] {"--data-dir", "/tmp/x", "--warm-up", "7s"}, UTF8_XTERM)
                        .local()
                        .startPlan())
                .endsWith("(at most 7 s; --warm-up 0s skips it)");
        assertThat(TuiOptions.parse(new String[] {"--data-dir", "/tmp/x"}, Map.of("SLUICE_WARM_UP", "0s"))
                        .local()
                        .startPlan())
                .isEqualTo("embedded PostgreSQL, Redis and the engine in /tmp/x");
    }

    @Test
    void attach_takes_a_url_and_a_token_and_refuses_engine_flags() {
        TuiOptions o = TuiOptions.parse(new String[] {"--attach", "http://10.0.0.5:8080", "--token=abc"}, UTF8_XTERM);
        assertThat(o.attach().toString()).isEqualTo("http://10.0.0.5:8080");
        assertThat(o.token()).isEqualTo("abc");
        assertThat(o.engineArgs()).isEmpty();
        assertThatThrownBy(() -> TuiOptions.parse(new String[] {"--attach", "http://h:1", "--port", "9"}, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("--port is for the embedded engine and does not apply with --attach");
        assertThatThrownBy(() -> TuiOptions.parse(new String[] {"--attach", "localhost"}, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("http://127.0.0.1:8080");
        assertThat(TuiOptions.parse(new String[] {"--attach", "http://h:1", "--data-dir=/tmp/y"}, Map.of())
                        .logFile())
                .hasToString("/tmp/y/console-tui.log");
        assertThatThrownBy(() -> TuiOptions.parse(new String[] {"--workers", "0"}, Map.of()))
                .as("the engine's own check, through the seam")
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--workers");
        assertThatThrownBy(() -> TuiOptions.parse(new String[] {"--attach"}, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("--attach needs a value");
    }

    @Test
    void glyphs_and_colours_follow_the_terminal() {
        assertThat(TuiOptions.parse(new String[0], Map.of("TERM", "screen", "LC_ALL", "C"))
                        .theme())
                .isEqualTo(new Theme(true, false));
        assertThat(TuiOptions.parse(new String[0], Map.of("TERM", "vt100", "LANG", "C.UTF-8"))
                        .theme())
                .isEqualTo(new Theme(false, false));
        assertThat(TuiOptions.parse(new String[0], Map.of("TERM", "tmux-256color", "LANG", "C.UTF-8", "NO_COLOR", "1"))
                        .theme())
                .isEqualTo(new Theme(false, true));
        assertThat(TuiOptions.parse(new String[] {"--ascii", "--mono"}, UTF8_XTERM)
                        .theme())
                .isEqualTo(new Theme(false, false));
    }

    @Test
    void console_flags_may_sit_between_engine_flags_and_h_is_help() {
        TuiOptions o = TuiOptions.parse(
                new String[] {"--port", "0", "--ascii", "--tick=250ms", "--mono", "--workers", "4"}, UTF8_XTERM);
        assertThat(o.engineArgs()).containsExactly("--port", "0", "--tick=250ms", "--workers", "4");
        assertThat(o.theme()).isEqualTo(new Theme(false, false));
        assertThat(TuiOptions.parse(new String[] {"--port", "0", "-h"}, Map.of())
                        .help())
                .isTrue();
        assertThatThrownBy(() -> TuiOptions.parse(new String[] {"--tick", "250"}, Map.of()))
                .as("the engine's duration grammar")
                .hasMessage("--tick needs a unit, e.g. 250ms or 250s, was '250'");
    }
}
