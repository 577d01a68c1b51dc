package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.MetricsSnapshot.ChannelDepth;
import dev.sluice.api.MetricsSnapshot.ItemsStats;
import dev.sluice.api.MetricsSnapshot.Latency;
import dev.sluice.api.MetricsSnapshot.QueueStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadsModelTest {
    static final QueueStats QUEUE = new QueueStats(
            1_530,
            List.of(new ChannelDepth("jobs", 1_200), new ChannelDepth("mail", 300), new ChannelDepth("audit", 0)),
            1_234,
            1_180,
            12,
            new Latency(1_100, 3_400, 12_000, 40_000),
            new Latency(300, 850, 2_000, 9_000),
            123_456,
            121_926,
            3,
            0);
    static final ItemsStats ITEMS = new ItemsStats(
            120,
            800,
            310,
            0.97,
            new Latency(400, 1_200, 3_100, 12_000),
            118,
            45_000,
            44_990,
            291_000,
            300_000,
            10,
            44_990,
            0,
            2);

    @Test
    void the_queue_shows_depth_rates_latency_and_the_deepest_channels_with_their_share() {
        WorkloadsModel.Queue q =
                WorkloadsModel.queue(Snapshots.tick(1).queue(QUEUE).build());
        assertThat(q.note()).isEmpty();
        assertThat(q.depth()).isEqualTo("1,530");
        assertThat(q.enqueued()).isEqualTo("1,234/s · 123,456 since start");
        assertThat(q.consumed()).isEqualTo("1,180/s · 121,926 since start");
        assertThat(q.empty()).isEqualTo("12.0/s");
        assertThat(q.enqueueLatency()).isEqualTo("p95 3.40 ms · p50 1.10 ms · p99 12.0 ms · max 40.0 ms");
        assertThat(q.consumeLatency()).startsWith("p95 0.85 ms");
        assertThat(q.channels())
                .containsExactly(
                        new WorkloadsModel.Channel("jobs", "1,200", 1.0),
                        new WorkloadsModel.Channel("mail", "300", 0.25),
                        new WorkloadsModel.Channel("audit", "0", 0));
        assertThat(q.errors()).isEqualTo("refused 3 (4xx) · failed 0 (5xx)");
        assertThat(q.failing()).isFalse();
    }

    @Test
    void the_items_show_rates_the_hit_ratio_as_a_percentage_read_latency_rows_and_backlog() {
        WorkloadsModel.Items it =
                WorkloadsModel.items(Snapshots.tick(1).items(ITEMS).build());
        assertThat(it.note()).isEmpty();
        assertThat(it.posted()).isEqualTo("120/s · 45,000 since start");
        assertThat(it.landed()).isEqualTo("118/s · 44,990 since start");
        assertThat(it.pageReads()).isEqualTo("800/s · 300,000 since start");
        assertThat(it.itemReads()).isEqualTo("310/s");
        assertThat(it.hitRatio()).isEqualTo("97%");
        assertThat(it.hits()).isEqualTo("291,000 of 300,000 pages from the cache since start");
        assertThat(it.readLatency()).startsWith("p95 1.20 ms");
        assertThat(it.rows()).isEqualTo("44,990");
        assertThat(it.backlog()).isEqualTo("10");
        assertThat(it.errors()).isEqualTo("refused 0 (4xx) · failed 2 (5xx)");
        assertThat(it.failing()).isTrue();
    }

    @Test
    void figures_the_engine_could_not_read_and_latencies_not_measured_read_as_a_dash() {
        QueueStats q = new QueueStats(-1, List.of(), 0, 0, 0, Latency.NONE, Latency.NONE, 10, 10, 0, 0);
        ItemsStats it = new ItemsStats(0, 0, 0, -1, Latency.NONE, 0, 5, 5, 0, 0, -1, -1, 0, 0);
        var s = Snapshots.tick(1).queue(q).items(it).build();
        assertThat(WorkloadsModel.queue(s).depth()).isEqualTo("-");
        assertThat(WorkloadsModel.queue(s).enqueueLatency()).isEqualTo("-");
        assertThat(WorkloadsModel.queue(s).channels()).isEmpty();
        assertThat(WorkloadsModel.items(s).hitRatio()).isEqualTo("-");
        assertThat(WorkloadsModel.items(s).hits()).isEqualTo("no page served yet");
        assertThat(WorkloadsModel.items(s).readLatency()).isEqualTo("-");
        assertThat(WorkloadsModel.items(s).rows()).isEqualTo("-");
        assertThat(WorkloadsModel.items(s).backlog()).isEqualTo("-");
    }

    @Test
    void an_engine_that_does_not_report_a_workload_and_no_snapshot_yet_say_so() {
        var s = Snapshots.tick(1).build();
        assertThat(WorkloadsModel.queue(s).note()).isEqualTo(WorkloadsModel.NOT_REPORTED);
        assertThat(WorkloadsModel.queue(s).depth()).isEqualTo("-");
        assertThat(WorkloadsModel.items(s).note()).isEqualTo(WorkloadsModel.NOT_REPORTED);
        assertThat(WorkloadsModel.items(s).hitRatio()).isEqualTo("-");
        assertThat(WorkloadsModel.queue(null).note()).isEqualTo(WorkloadsModel.WAITING);
        assertThat(WorkloadsModel.items(null).note()).isEqualTo(WorkloadsModel.WAITING);
    }
}
