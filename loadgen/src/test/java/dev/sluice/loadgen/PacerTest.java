package dev.sluice.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long MS = 1_000_000;

    @Test
    void intended_times_are_spaced_by_the_rate_whatever_the_send_times() {
        Pacer p = new Pacer(0);
        p.setRate(100, 0);
        assertThat(p.take()).isEqualTo(0);
        assertThat(p.take()).isEqualTo(10 * MS);
        assertThat(p.take()).isEqualTo(20 * MS);
        assertThat(p.next()).isEqualTo(30 * MS);
    }

    @Test
    void a_slow_target_leaves_debt_that_is_counted_not_forgotten() {
        Pacer p = new Pacer(0);
        p.setRate(1000, 0);
        p.take();
        // nothing could be sent for 100 ms: 100 more requests are owed, with their original times
        assertThat(p.owed(100 * MS)).isEqualTo(100);
        assertThat(p.take()).isEqualTo(1 * MS);
        assertThat(p.owed(100 * MS)).isEqualTo(99);
    }

    @Test
    void rate_change_keeps_position_and_changes_spacing() {
        Pacer p = new Pacer(0);
        p.setRate(10, 0);
        p.take();
        p.setRate(1000, 50 * MS);
        assertThat(p.take()).isEqualTo(100 * MS);
        assertThat(p.take()).isEqualTo(101 * MS);
    }

    @Test
    void pause_owes_nothing_and_resumes_from_now() {
        Pacer p = new Pacer(0);
        p.setRate(0, 0);
        assertThat(p.next()).isEqualTo(Long.MAX_VALUE);
        assertThat(p.owed(5_000 * MS)).isZero();
        p.setRate(10, 5_000 * MS);
        assertThat(p.take()).isEqualTo(5_000 * MS);
        assertThat(p.next()).isEqualTo(5_100 * MS);
    }

    @Test
    void long_runs_stay_nanosecond_exact() {
        Pacer p = new Pacer(0);
        p.setRate(3, 0);
        long last = 0;
        for (int i = 0; i < 3_000_000; i++) {
            last = p.take();
        }
        assertThat(last).isBetween(999_999_666_666_666L - 2, 999_999_666_666_667L + 2);
    }
}
