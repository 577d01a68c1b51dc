package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.IngestMode;
import dev.sluice.api.Knobs;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KnobsModelTest {
    private final EventLog log = new EventLog(Clock.systemUTC());
    private final KnobsModel model = new KnobsModel(log);
    private final Knobs engine = Knobs.defaults();

    @Test
    void controls_show_the_engines_knobs() {
        assertThat(model.display(Knob.WORKERS, engine)).contains(10);
        assertThat(model.display(Knob.FLUSH_INTERVAL, engine)).contains(100);
        assertThat(model.display(Knob.MODE, engine)).contains(IngestMode.STREAM_COPY);
        assertThat(model.display(Knob.PAUSED, engine)).contains(false);
    }

    @Test
    void a_change_applies_to_the_knobs_in_force_when_it_runs() {
        var change = model.request(Knob.WORKERS, 4);
        Knobs concurrentlyChanged = engine.withBatchSize(2000);
        assertThat(change.apply(concurrentlyChanged)).isEqualTo(concurrentlyChanged.withWorkers(4));
    }

    @Test
    void a_change_on_its_way_holds_the_control_until_a_snapshot_shows_it() {
        model.request(Knob.WORKERS, 4);
        assertThat(model.display(Knob.WORKERS, engine)).isEmpty();
        model.applied(Knob.WORKERS, 4);
        model.observe(Snapshots.tick(1).knobs(engine).build());
        assertThat(model.display(Knob.WORKERS, engine)).as("snapshot taken before the change landed").isEmpty();
        model.observe(Snapshots.tick(2).knobs(engine.withWorkers(4)).build());
        assertThat(model.display(Knob.WORKERS, engine.withWorkers(4))).contains(4);
    }

    @Test
    void a_change_someone_else_overrode_gives_way_after_a_few_ticks() {
        model.request(Knob.BATCH_SIZE, 800);
        model.applied(Knob.BATCH_SIZE, 800);
        for (int i = 1; i <= KnobsModel.SETTLE_TICKS; i++) {
            model.observe(Snapshots.tick(i).knobs(engine.withBatchSize(50)).build());
        }
        assertThat(model.display(Knob.BATCH_SIZE, engine.withBatchSize(50))).contains(50);
    }

    @Test
    void a_refusal_shows_the_engines_reason_and_the_engines_value() {
        model.request(Knob.WORKERS, 300);
        model.refused(Knob.WORKERS, 300, "workers must be 1..256, was 300");
        assertThat(model.refusal(Knob.WORKERS)).contains("workers must be 1..256, was 300");
        assertThat(model.display(Knob.WORKERS, engine)).contains(10);
        assertThat(log.entries()).last().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventLog.Kind.ERROR);
            assertThat(e.text()).isEqualTo("refused workers 300: workers must be 1..256, was 300");
        });
        model.request(Knob.WORKERS, 12);
        assertThat(model.refusal(Knob.WORKERS)).as("cleared by the next change").isEmpty();
    }

    @Test
    void knob_validation_names_the_bad_value() {
        var change = model.request(Knob.FLUSH_INTERVAL, 20_000);
        assertThatThrownBy(() -> change.apply(engine)).hasMessage("flush interval must be 1 ms..10 s, was 20000 ms");
    }

    @Test
    void typed_numbers_are_parsed_exactly() {
        assertThat(KnobsModel.parse(Knob.BATCH_SIZE, " 2,000 ")).isEqualTo(2000);
        assertThat(KnobsModel.parse(Knob.FLUSH_INTERVAL, "250ms")).isEqualTo(250);
        assertThatThrownBy(() -> KnobsModel.parse(Knob.WORKERS, "lots")).hasMessage("workers must be a whole number, was 'lots'");
    }

    @Test
    void every_knob_round_trips_through_knobs() {
        Knobs k = Knob.FLUSH_INTERVAL.with(Knob.MODE.with(Knob.PAUSED.with(engine, true), IngestMode.DIRECT_INSERT), 5);
        assertThat(k).isEqualTo(new Knobs(10, 500, Duration.ofMillis(5), IngestMode.DIRECT_INSERT, true));
        for (Knob knob : Knob.values()) {
            assertThat(knob.with(k, knob.valueIn(k))).isEqualTo(k);
        }
    }

    @Test
    void water_marks_are_knobs_and_a_high_mark_below_the_low_one_brings_it_down() {
        Knobs k = Knob.HIGH_WATER.with(engine, 5_000);
        assertThat(k.highWater()).isEqualTo(5_000);
        assertThat(k.lowWater()).isEqualTo(3_750);
        assertThat(Knob.LOW_WATER.with(k, 2_000).lowWater()).isEqualTo(2_000);
        assertThatThrownBy(() -> Knob.LOW_WATER.with(k, 5_000)).hasMessageContaining("low water");
    }
}
