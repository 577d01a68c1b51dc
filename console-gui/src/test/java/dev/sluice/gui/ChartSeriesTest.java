package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.MetricsSnapshot;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;

/** The chart datasets the live view draws (no JavaFX involved: JFreeChart's data model only). */
class ChartSeriesTest {

    @Test
    void requests_chart_splits_accepted_from_rejected() {
        ChartBuilder.Built chart = ChartBuilder.build(ChartCatalog.REQUESTS, 10);
        chart.add(Snapshots.tick(1).ok(900).rejected(10, 80, 10).build());
        XYSeries accepted = chart.series().get(0);
        XYSeries rejected = chart.series().get(1);
        assertThat(accepted.getKey()).isEqualTo("accepted");
        assertThat(accepted.getY(0).doubleValue()).isEqualTo(900);
        assertThat(rejected.getY(0).doubleValue()).isEqualTo(100);
        assertThat(accepted.getX(0).longValue())
                .isEqualTo(Snapshots.T0.plusSeconds(1).toEpochMilli());
    }

    @Test
    void latency_is_charted_in_milliseconds() {
        ChartBuilder.Built chart = ChartBuilder.build(ChartCatalog.COMMIT_LATENCY, 10);
        chart.add(Snapshots.tick(1).latency(0, 40_000).build());
        assertThat(chart.series()).extracting(s -> s.getY(0).doubleValue()).containsExactly(10.0, 20.0, 40.0);
    }

    @Test
    void an_unreadable_figure_is_a_gap_not_a_zero() {
        ChartBuilder.Built chart = ChartBuilder.build(ChartCatalog.BACKLOG, 10);
        chart.add(Snapshots.tick(1).lag(500, 300).build());
        chart.add(Snapshots.tick(2).lag(-1, -1).build());
        XYSeries backlog = chart.series().get(0);
        assertThat(backlog.getY(0).doubleValue()).isEqualTo(500);
        assertThat(backlog.getY(1)).isNull();
    }

    @Test
    void series_are_capped_at_the_item_count() {
        ChartBuilder.Built chart = ChartBuilder.build(ChartCatalog.ROWS, 5);
        for (int i = 1; i <= 12; i++) {
            chart.add(Snapshots.tick(i).rows(i * 1000, 250).build());
        }
        assertThat(chart.series()).allSatisfy(s -> assertThat(s.getItemCount()).isEqualTo(5));
        assertThat(chart.series().get(0).getY(0).doubleValue()).isEqualTo(8000);
    }

    @Test
    void mean_rows_per_flush_uses_the_right_hand_axis() {
        ChartBuilder.Built chart = ChartBuilder.build(ChartCatalog.ROWS, 5);
        MetricsSnapshot s = Snapshots.tick(1).rows(5000, 250).build();
        chart.add(s);
        assertThat(chart.plot().getRangeAxisCount()).isEqualTo(2);
        assertThat(chart.plot().getDataset(1).getYValue(0, 0)).isEqualTo(250);
    }
}
