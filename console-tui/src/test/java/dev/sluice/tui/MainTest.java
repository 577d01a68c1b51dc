package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(
                args,
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void bad_flags_are_one_line_and_exit_2() {
        for (String[] args : new String[][] {
            {"--bogus"}, {"--workers", "999"}, {"--attach", "nope"}, {"--attach", "http://h:1", "--pg-url", "x"}
        }) {
            out.reset();
            err.reset();
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
            String message = err.toString(StandardCharsets.UTF_8);
            assertThat(message).startsWith("sluice tui: ").endsWith("\n");
            assertThat(message.strip()).doesNotContain("\n");
            assertThat(out.size()).isZero();
        }
    }

    @Test
    void help_lists_the_console_and_the_engine_flags() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("--attach URL", "--token T", "--data-dir DIR", "--port N");
    }

    @Test
    void without_a_terminal_it_says_so_instead_of_drawing() {
        // surefire's stdin is not a terminal
        assertThat(run("--port", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs an interactive terminal");
    }
}
