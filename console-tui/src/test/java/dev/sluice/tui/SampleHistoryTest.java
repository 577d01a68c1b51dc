package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SampleHistoryTest {
    private static Sample at(long millis, double rows) {
        return new Sample(millis, 0, 0, 0, 0, 0, 0, 0, rows);
    }

    @Test
    void keeps_ten_minutes_in_time_order_and_drops_replayed_ticks() {
        SampleHistory h = new SampleHistory();
        for (int i = 1; i <= SampleHistory.CAPACITY + 5; i++) {
            h.add(at(i * 1_000L, i));
        }
        h.add(at(3_000, 99));
        assertThat(h.size()).isEqualTo(SampleHistory.CAPACITY);
        assertThat(h.last(1).get(0).rowsPerSec()).isEqualTo(SampleHistory.CAPACITY + 5);
        assertThat(h.tickMillis()).isEqualTo(1_000);
    }

    @Test
    void buckets_keep_the_peak_and_the_newest_bucket_is_whole() {
        SampleHistory h = new SampleHistory();
        double[] rows = {1, 9, 2, 3, 4, 8, 5};
        for (int i = 0; i < rows.length; i++) {
            h.add(at(i * 1_000L, rows[i]));
        }
        assertThat(h.columns(Sample::rowsPerSec, 3, 2)).containsExactly(9, 4, 8);
        assertThat(h.columns(Sample::rowsPerSec, 10, 1)).hasSize(7);
    }

    @Test
    void unreadable_figures_become_gaps() {
        SampleHistory h = new SampleHistory();
        h.add(new Sample(1_000, 0, 0, 0, 0, 0, -1, -1, 0));
        assertThat(h.columns(Sample::lag, 1, 1)[0]).isNaN();
    }
}
