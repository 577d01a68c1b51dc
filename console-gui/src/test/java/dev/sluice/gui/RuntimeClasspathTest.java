package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.AttachedClasspath;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./sluice gui --attach URL} runs on this module's runtime classpath alone (the pom writes it before the tests). */
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
}
