package dev.sluice.loadgen.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StagePlanTest {

    @Test
    void ramp_then_hold_in_users() {
        StagePlan p = StagePlan.parse("0->1000 users over 30s, hold 60s", 0);
        assertThat(p.model()).isEqualTo(LoadModel.CLOSED);
        assertThat(p.stages())
                .containsExactly(
                        new Stage(0, 1000, Duration.ofSeconds(30)), new Stage(1000, 1000, Duration.ofSeconds(60)));
        assertThat(p.totalDuration()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void rate_steps_with_k_suffix_and_each() {
        StagePlan p = StagePlan.parse("rate 5k 10k 20k for 20 s each", 0);
        assertThat(p.model()).isEqualTo(LoadModel.OPEN);
        assertThat(p.stages()).extracting(Stage::to).containsExactly(5000.0, 10000.0, 20000.0);
        assertThat(p.stages()).allMatch(s -> s.duration().equals(Duration.ofSeconds(20)) && !s.isRamp());
    }

    @Test
    void steps_separated_by_commas_and_unicode_arrow_and_compound_durations() {
        StagePlan p = StagePlan.parse("rate 5000 20s, rate 10000 20s; 1.5k\u21922k rps over 1m 30s", 0);
        assertThat(p.stages()).hasSize(3);
        assertThat(p.stages().get(2)).isEqualTo(new Stage(1500, 2000, Duration.ofSeconds(90)));
    }

    @Test
    void ramp_without_start_continues_from_previous_stage_or_initial() {
        StagePlan p = StagePlan.parse("hold 5s, 300 users over 10s", 100);
        assertThat(p.stages())
                .containsExactly(
                        new Stage(100, 100, Duration.ofSeconds(5)), new Stage(100, 300, Duration.ofSeconds(10)));
    }

    @Test
    void value_at_interpolates_ramps_and_keeps_last_value_after_the_plan() {
        List<Stage> s = StagePlan.parse("0->100 users over 10s, hold 10s, users 20 for 5s", 0)
                .stages();
        assertThat(StagePlan.valueAt(s, Duration.ZERO)).isEqualTo(0);
        assertThat(StagePlan.valueAt(s, Duration.ofSeconds(5))).isEqualTo(50);
        assertThat(StagePlan.valueAt(s, Duration.ofSeconds(15))).isEqualTo(100);
        assertThat(StagePlan.valueAt(s, Duration.ofSeconds(22))).isEqualTo(20);
        assertThat(StagePlan.valueAt(s, Duration.ofHours(1))).isEqualTo(20);
    }

    @Test
    void parse_errors_are_one_line_naming_the_stage_and_word() {
        assertError("0->10 users over 5s, hodl 3s", "stage 2 (\"hodl 3s\"): expected");
        assertError("rate x 20s", "stage 1 (\"rate x 20s\"): expected a number after 'rate', got 'x'");
        assertError("rate 10 for 20 parsecs", "is not a duration");
        assertError("10 widgets over 5s", "unit must be 'users' or 'rps', was 'widgets'");
        assertError("users 10 5s, rate 20 5s", "stage 2 (\"rate 20 5s\"): sets a rate but earlier stages set users");
        assertError("hold 5s", "never says users or rate");
        assertError("", "stage plan is empty");
        assertError("rate 10 0s", "duration '0s' is zero");
        assertError("rate 20000k 5s", "above 10,000,000");
    }

    private static void assertError(String plan, String expected) {
        assertThatThrownBy(() -> StagePlan.parse(plan, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
