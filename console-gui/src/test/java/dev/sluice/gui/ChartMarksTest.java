package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.Mark;
import dev.sluice.api.ExperimentStatus.Phase;
import dev.sluice.api.MetricsSnapshot;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.Test;

class ChartMarksTest {

    private static long millis(java.time.Instant at) {
        return at.toEpochMilli();
    }

    /** Ticks 1..n; from tick 10 on a run in step (tick-10)/20; a hand-made change only in tick 15. */
    private static List<MetricsSnapshot> ticks(int n) {
        List<MetricsSnapshot> all = new ArrayList<>();
        for (int seq = 1; seq <= n; seq++) {
            ExperimentStatus e = ExperimentStatus.NONE;
            if (seq >= 10) {
                e = ExperimentStatuses.running(Math.min(3, (seq - 10) / 20), Phase.MEASURE, null);
            }
            if (seq == 15) {
                e = e.withMarks(List.of(new Mark(Snapshots.T0.plusMillis(14_500), "workers 10→4")));
            }
            all.add(Snapshots.tick(seq).experiment(e).build());
        }
        return all;
    }

    @Test
    void each_step_start_is_one_line_and_a_hand_made_change_stays_after_its_one_snapshot() {
        ChartsModel m = new ChartsModel();
        ticks(40).forEach(m::accept);
        assertThat(m.marks().list())
                .containsExactly(
                        ChartMarks.Mark.step(millis(ExperimentStatuses.stepStart(0)), 0, "direct-insert / realistic"),
                        ChartMarks.Mark.hand(millis(Snapshots.T0.plusMillis(14_500)), "workers 10→4"),
                        ChartMarks.Mark.step(millis(ExperimentStatuses.stepStart(1)), 1, "direct-insert / stress"));
    }

    @Test
    void lines_leave_with_the_ticks_that_brought_them_and_only_then() {
        ChartsModel m = new ChartsModel();
        ticks(ChartsModel.CAPACITY + 14).forEach(m::accept);
        assertThat(m.history().get(0).seq()).isEqualTo(15);
        assertThat(m.marks().list())
                .as("tick 15 (the hand-made change) is still kept")
                .extracting(ChartMarks.Mark::label)
                .contains("workers 10→4", "1: direct-insert / realistic");
        long before = m.marks().version();
        m.accept(Snapshots.tick(ChartsModel.CAPACITY + 15)
                .experiment(ExperimentStatuses.running(3, Phase.MEASURE, null))
                .build());
        assertThat(m.marks().list())
                .as("tick 15 left; the run's steps are still in every kept tick")
                .extracting(ChartMarks.Mark::label)
                .doesNotContain("workers 10→4")
                .contains("1: direct-insert / realistic", "4: stream-copy / stress");
        assertThat(m.marks().version()).isNotEqualTo(before);
        long now = m.marks().version();
        m.accept(Snapshots.tick(ChartsModel.CAPACITY + 16)
                .experiment(ExperimentStatuses.running(3, Phase.MEASURE, null))
                .build());
        assertThat(m.marks().version())
                .as("nothing came or went: the charts keep their lines")
                .isEqualTo(now);
    }

    @Test
    void an_export_draws_the_same_lines_from_a_copy_of_the_history() {
        List<MetricsSnapshot> history = ticks(40);
        ChartsModel live = new ChartsModel();
        history.forEach(live::accept);
        assertThat(ChartMarks.of(history)).isEqualTo(live.marks().list());
        assertThat(live.readout(ChartCatalog.REQUESTS, millis(Snapshots.T0.plusSeconds(31))))
                .as("hovering names the step the lines only number")
                .contains("   step 2: direct-insert / stress   accepted");

        ChartBuilder.Built chart = ChartBuilder.build(ChartCatalog.REQUESTS, 100);
        ChartBuilder.mark(chart.plot(), ChartMarks.of(history), false, true);
        Collection<?> lines = chart.plot().getDomainMarkers(Layer.FOREGROUND);
        assertThat(lines).hasSize(3);
        List<ValueMarker> markers = lines.stream().map(ValueMarker.class::cast).toList();
        assertThat(markers.get(0).getLabel()).isEqualTo("1: direct-insert / realistic");
        assertThat(markers.get(0).getPaint()).isEqualTo(Color.DARK_GRAY);
        assertThat(markers.get(1).getLabel()).isEqualTo("workers 10→4");
        assertThat(markers.get(1).getPaint()).isEqualTo(new Color(0xd62728));
        assertThat(markers.get(1).getValue()).isEqualTo(millis(Snapshots.T0.plusMillis(14_500)));

        ChartBuilder.mark(chart.plot(), ChartMarks.of(history), false, false);
        assertThat(chart.plot().getDomainMarkers(Layer.FOREGROUND).stream()
                        .map(m -> ((ValueMarker) m).getLabel())
                        .toList())
                .as("on screen a step line carries its number, a hand-made one its change")
                .containsExactly("1", "workers 10→4", "2");
        assertThat(ChartMarks.Mark.hand(0, "workers 10→4, mode stream-copy→direct-insert")
                        .tag())
                .isEqualTo("workers 10→4, mode stre…");

        ChartBuilder.mark(chart.plot(), List.of(), false, false);
        assertThat(chart.plot().getDomainMarkers(Layer.FOREGROUND))
                .as("replaced, not added to")
                .isNullOrEmpty();
    }
}
