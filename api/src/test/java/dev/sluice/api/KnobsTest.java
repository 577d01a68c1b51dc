package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KnobsTest {

    @Test
    void a_change_sets_the_knobs_it_names_and_keeps_the_others() {
        Knobs start = new Knobs(7, 300, Duration.ofMillis(25), IngestMode.STREAM_INSERT, true);
        Knobs merged = start.with(KnobsChange.none().withWorkers(12).withMode(IngestMode.STREAM_COPY));
        assertThat(merged).isEqualTo(new Knobs(12, 300, Duration.ofMillis(25), IngestMode.STREAM_COPY, true));
        assertThat(start.with(KnobsChange.none())).isEqualTo(start);
        assertThat(start.with(KnobsChange.none()
                        .withPaused(false)
                        .withFlushInterval(Duration.ofSeconds(2))
                        .withBatchSize(9)))
                .isEqualTo(new Knobs(7, 9, Duration.ofSeconds(2), IngestMode.STREAM_INSERT, false));
    }

    @Test
    void a_high_mark_alone_brings_its_low_mark_along_as_the_start_flag_does() {
        Knobs k = Knobs.defaults().with(KnobsChange.none().withHighWater(5000));
        assertThat(k.highWater()).isEqualTo(5000);
        assertThat(k.lowWater())
                .as("three quarters of the high mark, like --high-water 5000")
                .isEqualTo(3750);
        assertThat(Knobs.defaults()
                        .with(KnobsChange.none().withHighWater(Knobs.DEFAULT_HIGH_WATER))
                        .lowWater())
                .isEqualTo(Knobs.DEFAULT_LOW_WATER);
        assertThat(Knobs.defaults().with(KnobsChange.none().withHighWater(2)).lowWater())
                .isEqualTo(1);
    }

    @Test
    void both_marks_move_together_so_they_can_pass_the_old_ones() {
        Knobs k = Knobs.defaults().with(KnobsChange.none().withWaterMarks(5000, 2000));
        assertThat(k.highWater()).isEqualTo(5000);
        assertThat(k.lowWater()).isEqualTo(2000);
        assertThat(k.with(KnobsChange.none().withLowWater(4000)).lowWater())
                .as("a low mark alone keeps the high")
                .isEqualTo(4000);
        assertThat(k.with(KnobsChange.none().withLowWater(4000)).highWater()).isEqualTo(5000);
    }

    @Test
    void an_out_of_range_change_is_refused_with_the_knob_and_the_value() {
        Knobs k = Knobs.defaults().with(KnobsChange.none().withWaterMarks(5000, 2000));
        assertThatThrownBy(() -> k.with(KnobsChange.none().withLowWater(5000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("low water must be 1..high water - 1 (4999), was 5000");
        assertThatThrownBy(() -> k.with(KnobsChange.none().withHighWater(1)))
                .hasMessageContaining("high water must be 2..");
        assertThatThrownBy(() -> k.with(KnobsChange.none().withWorkers(0))).hasMessage("workers must be 1..256, was 0");
        assertThatThrownBy(() -> k.with(KnobsChange.none().withBatchSize(10_001)))
                .hasMessageContaining("batch size must be 1..10000");
        assertThatThrownBy(() -> k.with(null)).hasMessage("a knobs change must be given");
    }

    @Test
    void a_change_to_given_knobs_sets_every_one() {
        Knobs other = new Knobs(3, 9, Duration.ofSeconds(1), IngestMode.DIRECT_INSERT, true, 5000, 10);
        assertThat(other.with(KnobsChange.to(Knobs.defaults()))).isEqualTo(Knobs.defaults());
        assertThat(Knobs.defaults().with(KnobsChange.to(other))).isEqualTo(other);
    }

    @Test
    void an_empty_change_says_so() {
        assertThat(KnobsChange.none().isEmpty()).isTrue();
        assertThat(KnobsChange.none().withPaused(true).isEmpty()).isFalse();
    }
}
