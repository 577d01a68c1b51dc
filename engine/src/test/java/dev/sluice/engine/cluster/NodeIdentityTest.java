package dev.sluice.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {
    @TempDir
    Path dir;

    @Test
    void an_id_is_made_once_per_data_directory_and_kept() throws Exception {
        String first = NodeIdentity.inDataDir(dir.resolve("data"));
        assertThat(first).matches("[a-z0-9][a-z0-9.-]*-[0-9a-f]{6}");
        assertThat(Files.readString(dir.resolve("data").resolve("node-id"))).isEqualTo(first + "\n");
        assertThat(NodeIdentity.inDataDir(dir.resolve("data")))
                .as("the same directory, the same node")
                .isEqualTo(first);
        assertThat(NodeIdentity.inDataDir(dir.resolve("other")))
                .as("another directory, another node")
                .isNotEqualTo(first);
    }

    @Test
    void a_generated_id_is_the_short_host_name_and_six_hex_digits() {
        assertThat(NodeIdentity.generate("App-Server_2.example.com")).matches("app-server-2-[0-9a-f]{6}");
        assertThat(NodeIdentity.generate("--")).matches("node-[0-9a-f]{6}");
        assertThat(NodeIdentity.generate("x".repeat(80))).hasSize(47);
    }

    @Test
    void a_bad_kept_id_or_flag_is_named() throws Exception {
        Files.writeString(dir.resolve("node-id"), "has space\n");
        assertThatThrownBy(() -> NodeIdentity.inDataDir(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("node-id must be 1..48 letters")
                .hasMessageEndingWith("was 'has space'; fix or delete the file, or pass --node-id");
        assertThatThrownBy(() -> NodeIdentity.check("-lead", "--node-id")).hasMessageStartingWith("--node-id must be");
        assertThat(NodeIdentity.check("app1.eu_west-2", "--node-id")).isEqualTo("app1.eu_west-2");
    }

    @Test
    void a_consumer_belongs_to_the_node_in_its_name() {
        assertThat(ClusterMembership.ownerOf("app1-3f9a1c-w12")).isEqualTo("app1-3f9a1c");
        assertThat(ClusterMembership.ownerOf("app1-3f9a1c-items-w1")).isEqualTo("app1-3f9a1c");
        assertThat(ClusterMembership.ownerOf("sluice-w3")).isEqualTo("sluice");
    }
}
