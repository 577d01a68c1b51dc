package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.MetricsSnapshot.Latency;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTextTest {
    @Test
    void a_latency_reads_as_its_p95_and_as_a_dash_when_nothing_was_measured() {
        Latency l = new Latency(1_100, 3_400, 12_000, 40_000);
        assertThat(WorkloadText.p95(l, true)).isEqualTo("3.4ms");
        assertThat(WorkloadText.tail(l, true)).containsExactly("p99 12ms · max 40ms", "p99 12ms");
        assertThat(WorkloadText.p95(Latency.NONE, true)).isEqualTo("-");
        assertThat(WorkloadText.tail(Latency.NONE, true)).isEmpty();
        assertThat(WorkloadText.p95(new Latency(100, 850, 900, 950), false)).isEqualTo("850us");
    }

    @Test
    void errors_read_in_words_then_as_status_classes_and_take_the_colour_of_the_worst() {
        assertThat(WorkloadText.errors(3, 0)).containsExactly("refused 3 · failed 0", "4xx 3 · 5xx 0");
        assertThat(WorkloadText.errors(12_345, 2)).containsExactly("refused 12,345 · failed 2", "4xx 12.3k · 5xx 2");
        assertThat(WorkloadText.errorsRole(0, 0)).isEqualTo(Theme.Role.DIM);
        assertThat(WorkloadText.errorsRole(3, 0)).isEqualTo(Theme.Role.WARN);
        assertThat(WorkloadText.errorsRole(3, 1)).isEqualTo(Theme.Role.BAD);
    }

    @Test
    void hits_come_fullest_first_and_channels_are_a_share_of_the_deepest() {
        assertThat(WorkloadText.hits(291_000, 300_000))
                .containsExactly(
                        "291,000 of 300,000 pages since start",
                        "291,000 of 300,000 pages",
                        "291k of 300k pages",
                        "291k/300k");
        List<Long> depths = List.of(1_200L, 300L, 0L);
        assertThat(WorkloadText.share(1_200, depths)).isEqualTo(1.0);
        assertThat(WorkloadText.share(300, depths)).isEqualTo(0.25);
        assertThat(WorkloadText.share(0, depths)).isZero();
        assertThat(WorkloadText.share(0, List.of(0L))).isZero();
    }

    @Test
    void a_hit_ratio_is_a_whole_percentage_and_unknown_is_a_dash() {
        assertThat(Fmt.percent(0.97)).isEqualTo("97%");
        assertThat(Fmt.percent(-1)).isEqualTo("-");
    }
}
