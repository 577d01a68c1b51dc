package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.AttachedClasspath;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./sluice tui --attach URL} runs on this module's runtime classpath alone (the pom writes it before the tests). */
class RuntimeClasspathTest {
    @Test
    void the_runtime_classpath_holds_the_api_and_nothing_of_the_engine_its_stores_or_drivers() throws Exception {
        List<String> runtime = AttachedClasspath.entries(Path.of("target", "runtime-classpath.txt"));
        assertThat(runtime)
                .anyMatch(e -> e.contains("sluice-api") || e.replace('\\', '/').contains("/api/target/"));
        assertThat(AttachedClasspath.engineOnly(runtime))
                .as("jetty, lettuce, HikariCP, postgresql, zonky or the engine")
                .isEmpty();
    }

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
}
