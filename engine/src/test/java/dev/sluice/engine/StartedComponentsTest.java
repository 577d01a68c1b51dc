package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartedComponentsTest {
    private final List<String> stopped = new ArrayList<>();
    private final StartedComponents started = new StartedComponents();

    @Test
    void stops_the_newest_first_and_each_once() {
        started.add("stores", new Recorded("stores"));
        started.addStopping("workers", drain -> stopped.add("workers drained " + drain.toSeconds() + " s"));
        started.add("port", new Recorded("port"));

        started.stopAll(Duration.ofSeconds(30));
        started.stopAll(Duration.ofSeconds(30));

        assertThat(stopped).containsExactly("port", "workers drained 30 s", "stores");
    }

    @Test
    void a_component_that_fails_to_stop_does_not_keep_the_rest_running() {
        started.add("stores", new Recorded("stores"));
        started.addStopping("port", drain -> {
            throw new IllegalStateException("already closed");
        });

        started.stopAll(Duration.ZERO);

        assertThat(stopped).containsExactly("stores");
    }

    /** A component that notes when it is closed. */
    private final class Recorded implements AutoCloseable {
        private final String name;

        Recorded(String name) {
            this.name = name;
        }

        @Override
        public void close() {
            stopped.add(name);
        }
    }
}
