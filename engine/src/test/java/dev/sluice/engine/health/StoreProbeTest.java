package dev.sluice.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.stores.Causes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class StoreProbeTest {

    @Test
    void version_comparison_reads_major_and_minor() {
        assertThat(StoreProbe.atLeast("6.2.6", 6, 2)).isTrue();
        assertThat(StoreProbe.atLeast("7.0.0", 6, 2)).isTrue();
        assertThat(StoreProbe.atLeast("6.10", 6, 2)).isTrue();
        assertThat(StoreProbe.atLeast("6.0.16", 6, 2)).isFalse();
        assertThat(StoreProbe.atLeast("5.0.14", 6, 2)).isFalse();
    }

    @Test
    void causes_are_described_by_their_root_in_one_line() {
        assertThat(Causes.describe(
                        new SQLException("The connection attempt failed.", new UnknownHostException("db.invalid"))))
                .isEqualTo("unknown host db.invalid");
        assertThat(Causes.describe(
                        new IOException("wrapped", new ConnectException("Connection refused (Connection refused)"))))
                .isEqualTo("Connection refused");
        assertThat(
                        Causes.describe(
                                new IOException(
                                        "Failed to start Redis service",
                                        new IOException(
                                                "Ready pattern not found in log. Startup log: \n1:M * starting\n1:M # bind: Address already in use\n"))))
                .isEqualTo("Ready pattern not found in log. Startup log: ... 1:M # bind: Address already in use");
        assertThat(Causes.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
