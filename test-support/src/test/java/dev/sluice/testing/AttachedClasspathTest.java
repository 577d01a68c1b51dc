package dev.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachedClasspathTest {
    @Test
    void the_check_catches_a_driver_jar_and_the_engine_module() {
        assertThat(AttachedClasspath.engineOnly(List.of(
                        "/m2/io/lettuce/lettuce-core-6.5.5.RELEASE.jar",
                        "/src/engine/target/classes",
                        "/m2/com/zaxxer/HikariCP-6.3.0.jar",
                        "/m2/org/eclipse/jetty/jetty-server-11.0.25.jar",
                        "/m2/com/fasterxml/jackson/core/jackson-core-2.18.3.jar",
                        "/src/api/target/classes")))
                .containsExactly(
                        "/m2/io/lettuce/lettuce-core-6.5.5.RELEASE.jar",
                        "/src/engine/target/classes",
                        "/m2/com/zaxxer/HikariCP-6.3.0.jar",
                        "/m2/org/eclipse/jetty/jetty-server-11.0.25.jar");
    }

    @Test
    void a_console_classpath_with_a_driver_fails_naming_it(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("runtime-classpath.txt");
        Files.writeString(
                file,
                String.join(
                        File.pathSeparator,
                        "/m2/dev/sluice/sluice-api-0.1.0.jar",
                        "/m2/org/postgresql/postgresql-42.7.5.jar"));
        assertThatThrownBy(() -> AttachedClasspath.requireAttachable(file))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("postgresql-42.7.5.jar");

        Files.writeString(file, "/m2/com/googlecode/lanterna/lanterna-3.1.3.jar");
        assertThatThrownBy(() -> AttachedClasspath.requireAttachable(file)).hasMessageContaining("no sluice-api");
    }
}
