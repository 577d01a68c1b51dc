package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.EngineState;
import dev.sluice.api.MetricsSnapshot.ClusterStats;
import dev.sluice.api.MetricsSnapshot.NodeStats;
import dev.sluice.api.MetricsSnapshot.ShardStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodesModelTest {
    static final ClusterStats TWO = new ClusterStats(
            "app1-3f9a1c",
            List.of(
                    new NodeStats(
                            "app1-3f9a1c",
                            "http://app1:8080",
                            EngineState.RUNNING,
                            5_100,
                            5_150,
                            5_020,
                            10,
                            120,
                            200,
                            true),
                    new NodeStats(
                            "app2-77c2d0", "http://app2:8080", EngineState.DEGRADED, 0, 0, 0, 8, -1, 2_400, false)));

    /** Four keys, the third's Redis master away this tick. */
    static final List<ShardStats> FOUR_SHARDS = List.of(
            new ShardStats("logs_stream{0}", 1_200, 40, 1_160, 3),
            new ShardStats("logs_stream{1}", 950, 25, 925, 3),
            new ShardStats("logs_stream{2}", -1, -1, -1, 2),
            new ShardStats("logs_stream{3}", 1_310, 55, 1_255, 2));

    @Test
    void every_node_gets_a_row_and_the_summary_adds_the_groups_rates() {
        NodesModel.Nodes n = NodesModel.of(Snapshots.tick(1).cluster(TWO).build());
        assertThat(n.summary()).isEqualTo("2 nodes alive · 5,150/s events · 5,020/s rows committed");
        assertThat(n.rows())
                .containsExactly(
                        new NodesModel.Row(
                                "app1-3f9a1c",
                                "http://app1:8080",
                                "RUNNING",
                                "5,100/s",
                                "5,150/s",
                                "5,020/s",
                                "10",
                                "120",
                                "0.2 s ago",
                                true),
                        new NodesModel.Row(
                                "app2-77c2d0",
                                "http://app2:8080",
                                "DEGRADED",
                                "0.0/s",
                                "0.0/s",
                                "0.0/s",
                                "8",
                                "-",
                                "2.4 s ago",
                                false));
        assertThat(n.group()).endsWith("not yet delivered");
    }

    @Test
    void a_sharded_stream_gets_a_row_per_key_and_the_one_that_could_not_be_read_is_away() {
        NodesModel.Nodes n =
                NodesModel.of(Snapshots.tick(1).cluster(TWO).shards(FOUR_SHARDS).build());
        assertThat(n.shards())
                .containsExactly(
                        new NodesModel.Shard("logs_stream{0}", "1,200", "40", "1,160", "3", false),
                        new NodesModel.Shard("logs_stream{1}", "950", "25", "925", "3", false),
                        new NodesModel.Shard("logs_stream{2}", "-", "-", "-", "2", true),
                        new NodesModel.Shard("logs_stream{3}", "1,310", "55", "1,255", "2", false));
        assertThat(n.rows()).as("the nodes are still there").hasSize(2);
        assertThat(NodesModel.of(Snapshots.tick(1).shards(FOUR_SHARDS).build()).shards())
                .as("shards even from an engine that does not report its nodes")
                .hasSize(4);
    }

    @Test
    void one_key_or_none_reported_is_the_plain_stream_without_a_shards_table() {
        NodesModel.Nodes one = NodesModel.of(Snapshots.tick(1)
                .cluster(TWO)
                .shards(List.of(new ShardStats("logs_stream", 500, 20, 480, 10)))
                .build());
        assertThat(one.shards()).isEmpty();
        assertThat(NodesModel.of(Snapshots.tick(1).cluster(TWO).build()).shards())
                .isEmpty();
        assertThat(NodesModel.of(null).shards()).isEmpty();
    }

    @Test
    void no_snapshot_or_an_engine_without_nodes_says_why() {
        assertThat(NodesModel.of(null).summary()).isEqualTo(WorkloadsModel.WAITING);
        NodesModel.Nodes none = NodesModel.of(Snapshots.tick(1).build());
        assertThat(none.summary()).isEqualTo(WorkloadsModel.NOT_REPORTED);
        assertThat(none.rows()).isEmpty();
    }
}
