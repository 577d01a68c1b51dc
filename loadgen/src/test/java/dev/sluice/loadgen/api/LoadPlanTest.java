package dev.sluice.loadgen.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadPlanTest {
    private static final URI TARGET = URI.create("http://127.0.0.1:8080");

    @Test
    void builder_defaults_make_a_valid_closed_plan() {
        LoadPlan p = LoadPlan.builder(TARGET).build();
        assertThat(p.model()).isEqualTo(LoadModel.CLOSED);
        assertThat(p.users()).isEqualTo(10);
        assertThat(p.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.connections()).isEqualTo(64);
        assertThat(p.toBuilder().build()).isEqualTo(p);
    }

    @Test
    void stages_set_model_duration_and_initial_load() {
        LoadPlan p = LoadPlan.builder(TARGET)
                .stages(StagePlan.parse("rate 100 for 5s, 100->300 rps over 10s", 0))
                .build();
        assertThat(p.model()).isEqualTo(LoadModel.OPEN);
        assertThat(p.duration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(p.initialLoad()).isEqualTo(100);
        assertThat(p.loadAt(Duration.ofSeconds(10))).isEqualTo(200);
    }

    @Test
    void validation_messages_name_the_setting_and_value() {
        assertThatThrownBy(() -> LoadPlan.builder(TARGET).rate(-5).build())
                .hasMessage("rate must be 0..10000000 requests/s, was -5.0");
        assertThatThrownBy(() -> LoadPlan.builder(TARGET).users(0).build())
                .hasMessage("users must be more than 0 without stages, was 0");
        assertThatThrownBy(() -> LoadPlan.builder(TARGET).connections(0).build())
                .hasMessage("connections must be 1..10000, was 0");
        assertThatThrownBy(() -> LoadPlan.builder(URI.create("https://x")).build())
                .hasMessageContaining("http://host[:port] URL, was 'https://x'");
        assertThatThrownBy(
                        () -> LoadPlan.builder(TARGET).duration(Duration.ZERO).build())
                .hasMessageContaining("duration must be more than 0");
        assertThatThrownBy(() -> LoadPlan.builder(TARGET)
                        .stages(StagePlan.parse("users 5 for 5s", 0))
                        .duration(Duration.ofSeconds(9))
                        .build())
                .hasMessage("duration PT9S differs from the stages' total PT5S");
    }
}
