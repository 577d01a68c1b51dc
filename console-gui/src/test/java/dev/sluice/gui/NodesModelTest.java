package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.EngineState;
import dev.sluice.api.MetricsSnapshot.ClusterStats;
import dev.sluice.api.MetricsSnapshot.NodeStats;
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
    void no_snapshot_or_an_engine_without_nodes_says_why() {
        assertThat(NodesModel.of(null).summary()).isEqualTo(WorkloadsModel.WAITING);
        NodesModel.Nodes none = NodesModel.of(Snapshots.tick(1).build());
        assertThat(none.summary()).isEqualTo(WorkloadsModel.NOT_REPORTED);
        assertThat(none.rows()).isEmpty();
    }
}
