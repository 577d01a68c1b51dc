package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.EngineState;
import dev.sluice.api.MetricsSnapshot.ClusterStats;
import dev.sluice.api.MetricsSnapshot.NodeStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The nodes view ({@code w} twice): every engine node on the stream with its rates, on the virtual terminal. */
class NodesViewTest {
    static final ClusterStats THREE = new ClusterStats(
            "app2-77c2d0",
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
                            false),
                    new NodeStats(
                            "app2-77c2d0",
                            "http://app2:8080",
                            EngineState.RUNNING,
                            4_900,
                            4_950,
                            4_980,
                            12,
                            80,
                            600,
                            true),
                    new NodeStats(
                            "app3-0b11e4", "http://app3:8080", EngineState.DEGRADED, 0, 0, 0, 10, -1, 2_400, false)));

    private final FakeEngine engine = new FakeEngine();

    @Test
    void the_nodes_view_lists_every_node_with_its_rates_and_marks_this_one_within_80x24() {
        engine.cluster = THREE;
        engine.publish();
        try (VirtualConsole vc = console(80, 24)) {
            List<String> dashboard = vc.frame();
            assertThat(dashboard.get(0)).as("the header counts the nodes").contains("3 nodes");
            vc.press('w');
            vc.press('w');
            List<String> rows = vc.frame();
            vc.save("nodes-80x24");

            assertThat(rows).hasSize(24).allSatisfy(r -> assertThat(r).hasSize(80));
            assertThat(rows).as("nothing cut short").noneMatch(r -> r.contains("~"));
            assertThat(Screens.row(rows, " Nodes")).contains("3 alive · 10.1k events/s · 10k rows/s", "w charts");
            assertThat(Screens.row(rows, "app1-3f9a1c"))
                    .containsPattern("^   app1-3f9a1c\\s+RUNNING\\s+5.1k\\s+5.15k\\s+5.02k\\s+10\\s+120\\s+0.2s");
            assertThat(Screens.row(rows, "app2-77c2d0"))
                    .as("this node, marked")
                    .containsPattern("^ ▶ app2-77c2d0\\s+RUNNING");
            assertThat(Screens.row(rows, "app3-0b11e4")).containsPattern("DEGRADED\\s+0\\s+0\\s+0\\s+10\\s+-\\s+2.4s");
            assertThat(Screens.row(rows, "the group:")).contains("events in the stream");
            assertThat(rows.get(23)).contains("showing the engine nodes on this stream");
        }
    }

    @Test
    void more_nodes_than_rows_end_in_a_count_and_an_engine_alone_shows_no_node_count() {
        List<NodeStats> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(new NodeStats("node-" + i, "http://n" + i, EngineState.RUNNING, 10, 10, 10, 4, 0, 100, i == 0));
        }
        engine.cluster = new ClusterStats("node-0", many);
        engine.publish();
        try (VirtualConsole vc = console(80, 24)) {
            vc.press('w');
            vc.press('w');
            List<String> rows = vc.frame();
            assertThat(Screens.row(rows, "more nodes")).containsPattern("\\+\\d+ more nodes");
            assertThat(Screens.row(rows, "the group:")).isNotBlank();
        }
        engine.cluster = new ClusterStats(
                "solo", List.of(new NodeStats("solo", "http://x", EngineState.RUNNING, 1, 1, 1, 10, 0, 0, true)));
        engine.publish();
        try (VirtualConsole vc = console(80, 24)) {
            assertThat(vc.frame().get(0)).doesNotContain("nodes");
        }
    }

    @Test
    void an_engine_that_does_not_report_nodes_says_so() {
        engine.publish();
        try (VirtualConsole vc = console(80, 24)) {
            vc.press('w');
            vc.press('w');
            assertThat(Screens.row(vc.frame(), " Nodes")).isNotNull();
            assertThat(vc.frame()).anyMatch(r -> r.contains("not reported by the engine"));
        }
    }

    private VirtualConsole console(int cols, int rows) {
        return new VirtualConsole(engine, cols, rows, new Theme(true, true), "embedded · api test", true);
    }
}
