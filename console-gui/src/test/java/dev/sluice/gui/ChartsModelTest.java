package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.MetricsSnapshot;
import org.junit.jupiter.api.Test;

class ChartsModelTest {

    private static long millis(long seq) {
        return Snapshots.T0.plusSeconds(seq).toEpochMilli();
    }

    @Test
    void keeps_ticks_in_time_order_and_drops_repeats() {
        ChartsModel m = new ChartsModel();
        assertThat(m.accept(Snapshots.tick(1).build())).isTrue();
        assertThat(m.accept(Snapshots.tick(2).build())).isTrue();
        assertThat(m.accept(Snapshots.tick(2).build())).isFalse();
        assertThat(m.accept(Snapshots.tick(1).build())).isFalse();
        assertThat(m.history()).extracting(MetricsSnapshot::seq).containsExactly(1L, 2L);
    }

    @Test
    void keeps_at_most_ten_minutes_of_ticks() {
        ChartsModel m = new ChartsModel();
        for (int i = 1; i <= ChartsModel.CAPACITY + 50; i++) {
            m.accept(Snapshots.tick(i).build());
        }
        assertThat(m.history()).hasSize(ChartsModel.CAPACITY);
        assertThat(m.history().get(0).seq()).isEqualTo(51);
    }

    @Test
    void live_window_ends_at_the_newest_tick() {
        ChartsModel m = new ChartsModel();
        m.setWindowSeconds(60);
        for (int i = 1; i <= 200; i++) {
            m.accept(Snapshots.tick(i).build());
        }
        assertThat(m.visibleRange()).isEqualTo(new ChartsModel.Range(millis(140), millis(200)));
    }

    @Test
    void a_short_history_fills_the_width_but_shows_at_least_a_minute() {
        ChartsModel m = new ChartsModel();
        for (int i = 1; i <= 30; i++) {
            m.accept(Snapshots.tick(i).build());
        }
        assertThat(m.visibleRange()).isEqualTo(new ChartsModel.Range(millis(-30), millis(30)));
        for (int i = 31; i <= 100; i++) {
            m.accept(Snapshots.tick(i).build());
        }
        assertThat(m.visibleRange()).isEqualTo(new ChartsModel.Range(millis(1), millis(100)));
    }

    @Test
    void pause_freezes_the_window_while_history_keeps_filling() {
        ChartsModel m = new ChartsModel();
        m.setWindowSeconds(60);
        for (int i = 1; i <= 200; i++) {
            m.accept(Snapshots.tick(i).build());
        }
        m.setPaused(true);
        for (int i = 201; i <= 230; i++) {
            m.accept(Snapshots.tick(i).build());
        }
        assertThat(m.visibleRange().toMillis()).isEqualTo(millis(200));
        assertThat(m.history()).hasSize(230);
        m.setPaused(false);
        assertThat(m.visibleRange().toMillis()).isEqualTo(millis(230));
    }

    @Test
    void scrolling_back_pauses_and_stops_at_the_oldest_tick() {
        ChartsModel m = new ChartsModel();
        m.setWindowSeconds(60);
        for (int i = 1; i <= 200; i++) {
            m.accept(Snapshots.tick(i).build());
        }
        m.setOffsetSeconds(30);
        assertThat(m.paused()).isTrue();
        assertThat(m.visibleRange()).isEqualTo(new ChartsModel.Range(millis(110), millis(170)));
        m.setOffsetSeconds(10_000);
        assertThat(m.offsetSeconds()).isEqualTo(m.maxOffsetSeconds()).isEqualTo(139);
        assertThat(m.visibleRange().fromMillis()).isEqualTo(millis(1));
    }

    @Test
    void hover_readout_shows_the_nearest_ticks_values_with_units() {
        ChartsModel m = new ChartsModel();
        m.accept(Snapshots.tick(1).ok(1234).rejected(1, 2, 0).build());
        m.accept(Snapshots.tick(2).ok(50).build());
        String line = m.readout(ChartCatalog.REQUESTS, millis(1) + 300);
        assertThat(line).endsWith("accepted 1,234/s   rejected 3.0/s");
        assertThat(m.readout(ChartCatalog.API_LATENCY, millis(2))).contains("p99 0.00 ms");
        assertThat(new ChartsModel().readout(ChartCatalog.REQUESTS, 0)).isEmpty();
    }

    @Test
    void window_length_is_checked() {
        assertThatThrownBy(() -> new ChartsModel().setWindowSeconds(5)).hasMessageContaining("was 5");
    }
}
