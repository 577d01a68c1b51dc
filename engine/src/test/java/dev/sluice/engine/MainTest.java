package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code sluice engine} refusals that need no store: each is one line on stderr and exit code 2. */
class MainTest {

    @Test
    void an_external_store_url_that_does_not_parse_is_one_line_and_exit_2() {
        assertRefused(
                "postgresql://app:hunter2@127.0.0.1:1/logs?sslmode=verify_full",
                "redis://127.0.0.1:1",
                "sluice engine: invalid PostgreSQL URL 'postgresql://app:****@127.0.0.1:1/logs?sslmode=verify_full':"
                        + " sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full, was"
                        + " 'verify_full'");
        assertRefused(
                "postgresql://app@127.0.0.1:1/logs",
                "rediss://:hunter2@127.0.0.1:1?verifyPeer=off",
                "sluice engine: invalid Redis URL 'rediss://:****@127.0.0.1:1?verifyPeer=off': verifyPeer must be one"
                        + " of FULL, CA, NONE, was 'off'");
        assertRefused(
                "mysql://app:hunter2@127.0.0.1:1/logs",
                "redis://127.0.0.1:1",
                "sluice engine: invalid PostgreSQL URL 'mysql://app:****@127.0.0.1:1/logs': expected postgresql://,"
                        + " postgres:// or jdbc:postgresql://");
    }

    private static void assertRefused(String pgUrl, String redisUrl, String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                new String[] {"--pg-url", pgUrl, "--redis-url", redisUrl, "--port", "0", "--warm-up", "0s"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).as("exit code; stderr: %s", err).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(line);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
