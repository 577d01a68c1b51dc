package dev.sluice.gui;

import dev.sluice.testing.AttachedClasspath;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code ./sluice gui --attach URL} runs on this module's runtime classpath alone (the pom writes it before the tests). */
class RuntimeClasspathTest {
    @Test
    void the_runtime_classpath_holds_the_api_and_nothing_of_the_engine_its_stores_or_drivers() throws Exception {
        AttachedClasspath.requireAttachable(Path.of("target", "runtime-classpath.txt"));
    }
}
