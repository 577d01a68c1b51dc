package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.IngestMode;
import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KnobsModelTest {
    private final EventLog log = new EventLog(Clock.systemUTC());
    private final KnobsModel model = new KnobsModel(log);
    private final Knobs engine = Knobs.defaults();

    @Test
    void controls_show_the_snapshots_knobs_until_the_engine_answers_then_its_answer() {
        assertThat(model.display(Knob.WORKERS, engine)).contains(10);
        assertThat(model.display(Knob.FLUSH_INTERVAL, engine)).contains(100);
        assertThat(model.display(Knob.MODE, engine)).contains(IngestMode.STREAM_COPY);
        assertThat(model.display(Knob.PAUSED, engine)).contains(false);
        model.answered(engine.withBatchSize(2000));
        assertThat(model.display(Knob.BATCH_SIZE, engine))
                .as("the engine's answer, not an older snapshot")
                .contains(2000);
    }

    @Test
    void a_change_on_its_way_holds_its_control_and_the_answer_shows_the_knobs_in_force() {
        model.requested(Knob.WORKERS);
        assertThat(model.display(Knob.WORKERS, engine)).isEmpty();
        assertThat(model.display(Knob.BATCH_SIZE, engine))
                .as("other controls keep showing the engine")
                .contains(500);
        // someone else changed the batch size meanwhile: the answer carries both
        model.applied(Knob.WORKERS, engine.withWorkers(4).withBatchSize(800));
        assertThat(model.display(Knob.WORKERS, engine)).contains(4);
        assertThat(model.display(Knob.BATCH_SIZE, engine)).contains(800);
    }

    @Test
    void two_changes_of_one_control_hold_it_until_both_are_answered() {
        model.requested(Knob.WORKERS);
        model.requested(Knob.WORKERS);
        model.applied(Knob.WORKERS, engine.withWorkers(11));
        assertThat(model.display(Knob.WORKERS, engine)).isEmpty();
        model.applied(Knob.WORKERS, engine.withWorkers(12));
        assertThat(model.display(Knob.WORKERS, engine)).contains(12);
    }

    @Test
    void a_refusal_shows_the_engines_reason_and_the_engines_value() {
        model.answered(engine);
        model.requested(Knob.WORKERS);
        model.refused(Knob.WORKERS, 300, "workers must be 1..256, was 300");
        assertThat(model.refusal(Knob.WORKERS)).contains("workers must be 1..256, was 300");
        assertThat(model.display(Knob.WORKERS, engine)).contains(10);
        assertThat(log.entries()).last().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventLog.Kind.ERROR);
            assertThat(e.text()).isEqualTo("refused workers 300: workers must be 1..256, was 300");
        });
        model.requested(Knob.WORKERS);
        assertThat(model.refusal(Knob.WORKERS)).as("cleared by the next change").isEmpty();
    }

    @Test
    void typed_numbers_are_parsed_exactly() {
        assertThat(KnobsModel.parse(Knob.BATCH_SIZE, " 2,000 ")).isEqualTo(2000);
        assertThat(KnobsModel.parse(Knob.FLUSH_INTERVAL, "250ms")).isEqualTo(250);
        assertThatThrownBy(() -> KnobsModel.parse(Knob.WORKERS, "lots"))
                .hasMessage("workers must be a whole number, was 'lots'");
    }

    @Test
    void every_knob_is_a_change_of_that_knob_alone() {
        Knobs k = new Knobs(3, 200, Duration.ofMillis(5), IngestMode.DIRECT_INSERT, true, 5000, 2000);
        for (Knob knob : Knob.values()) {
            Knobs merged = engine.with(knob.change(knob.valueIn(k)));
            assertThat(knob.valueIn(merged)).as(knob.label()).isEqualTo(knob.valueIn(k));
        }
        assertThat(Knob.FLUSH_INTERVAL.change(5)).isEqualTo(KnobsChange.none().withFlushInterval(Duration.ofMillis(5)));
        assertThat(Knob.MODE.change(IngestMode.STREAM_INSERT))
                .isEqualTo(KnobsChange.none().withMode(IngestMode.STREAM_INSERT));
    }

    @Test
    void a_high_mark_alone_brings_the_low_one_along_and_the_engine_checks_the_low_one() {
        Knobs k = engine.with(Knob.HIGH_WATER.change(5_000));
        assertThat(k.highWater()).isEqualTo(5_000);
        assertThat(k.lowWater()).isEqualTo(3_750);
        assertThat(k.with(Knob.LOW_WATER.change(2_000)).lowWater()).isEqualTo(2_000);
        assertThatThrownBy(() -> k.with(Knob.LOW_WATER.change(5_000))).hasMessageContaining("low water");
        assertThatThrownBy(() -> engine.with(Knob.FLUSH_INTERVAL.change(20_000)))
                .hasMessage("flush interval must be 1 ms..10 s, was 20000 ms");
    }
}
