package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.EngineState;
import dev.sluice.api.MetricsSnapshot.ClusterStats;
import dev.sluice.api.MetricsSnapshot.NodeStats;
import dev.sluice.api.MetricsSnapshot.ShardStats;
import dev.sluice.api.MetricsSnapshot.StreamStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The nodes view ({@code w} twice): every engine node on the stream with its rates, and each shard
 * of a sharded stream, on the virtual terminal.
 */
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

    /** Four shards, the third's Redis master away this tick. */
    static final List<ShardStats> FOUR_SHARDS = List.of(
            new ShardStats("logs_stream{0}", 1_200, 40, 1_160, 3),
            new ShardStats("logs_stream{1}", 950, 25, 925, 3),
            new ShardStats("logs_stream{2}", -1, -1, -1, 3),
            new ShardStats("logs_stream{3}", 1_310, 55, 1_255, 3));

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

    @Test
    void a_sharded_stream_shows_a_row_per_shard_under_the_nodes_and_marks_the_one_away() {
        engine.cluster = THREE;
        engine.stream = sharded(FOUR_SHARDS);
        engine.publish();
        try (VirtualConsole vc = console(80, 24)) {
            assertThat(vc.frame().get(0))
                    .as("the header counts nodes and shards")
                    .contains("3 nodes  4 shards");
            vc.press('w');
            vc.press('w');
            List<String> rows = vc.frame();
            vc.save("nodes-4-shards-80x24");

            assertThat(rows).as("nothing cut short").noneMatch(r -> r.contains("~"));
            assertThat(Screens.row(rows, "app3-0b11e4")).contains("DEGRADED");
            assertThat(Screens.row(rows, " shard "))
                    .containsPattern("shard\\s+backlog\\s+pending\\s+lag\\s+workers here");
            assertThat(Screens.row(rows, "logs_stream{0}"))
                    .containsPattern("^ logs_stream\\{0}\\s+1,200\\s+40\\s+1,160\\s+3\\s*$");
            assertThat(Screens.row(rows, "logs_stream{1}")).containsPattern("950\\s+25\\s+925\\s+3\\s*$");
            assertThat(Screens.row(rows, "logs_stream{2}"))
                    .as("the shard that could not be read")
                    .containsPattern("logs_stream\\{2}\\s+-\\s+-\\s+-\\s+3\\s+away\\s*$");
            assertThat(Screens.row(rows, "logs_stream{3}")).containsPattern("1,310\\s+55\\s+1,255\\s+3\\s*$");
            assertThat(rows).noneMatch(r -> r.contains("more shards"));
            assertThat(Screens.row(rows, "the group:")).contains("3,460 events in the stream");
        }
    }

    @Test
    void eight_shards_under_three_nodes_fit_80x24_with_the_rest_counted_and_an_away_one_named() {
        List<ShardStats> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            boolean away = i == 7;
            long backlog = away ? -1 : 1_000 + 100 * i;
            eight.add(new ShardStats(
                    "logs_stream{" + i + "}", backlog, away ? -1 : 10 + i, away ? -1 : backlog - 10 - i, i % 2 + 1));
        }
        engine.cluster = THREE;
        engine.stream = sharded(eight);
        engine.publish();
        try (VirtualConsole vc = console(80, 24)) {
            assertThat(vc.frame().get(0)).contains("3 nodes  8 shards");
            vc.press('w');
            vc.press('w');
            List<String> rows = vc.frame();
            vc.save("nodes-8-shards-80x24");

            assertThat(rows).hasSize(24).allSatisfy(r -> assertThat(r).hasSize(80));
            assertThat(rows).as("nothing cut short").noneMatch(r -> r.contains("~"));
            assertThat(rows).as("every node").anySatisfy(r -> assertThat(r).contains("app1-3f9a1c"));
            assertThat(rows).anySatisfy(r -> assertThat(r).contains("app3-0b11e4"));
            assertThat(rows).noneMatch(r -> r.contains("more nodes"));
            assertThat(Screens.row(rows, "logs_stream{0}")).containsPattern("1,000\\s+10\\s+990\\s+1\\s*$");
            assertThat(rows.stream().filter(r -> r.contains("logs_stream{")))
                    .as("as many shards as fit in the 14 rows of the view")
                    .hasSize(6);
            assertThat(Screens.row(rows, "more shards"))
                    .as("the hidden away shard is named in the count")
                    .startsWith(" +2 more shards, 1 away ");
            assertThat(Screens.row(rows, "the group:")).contains("events in the stream");
            assertThat(Screens.knobRow(rows, "workers "))
                    .as("the knobs panel still under the view")
                    .isNotBlank();
        }
    }

    @Test
    void many_nodes_and_many_shards_each_keep_rows_and_count_the_rest() {
        List<NodeStats> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(new NodeStats("node-" + i, "http://n" + i, EngineState.RUNNING, 10, 10, 10, 4, 0, 100, i == 0));
        }
        List<ShardStats> sixteen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sixteen.add(new ShardStats("logs_stream{" + i + "}", 100, 1, 99, 1));
        }
        engine.cluster = new ClusterStats("node-0", many);
        engine.stream = sharded(sixteen);
        engine.publish();
        try (VirtualConsole vc = console(80, 24)) {
            vc.press('w');
            vc.press('w');
            List<String> rows = vc.frame();
            assertThat(Screens.row(rows, "more nodes")).containsPattern("\\+\\d+ more nodes");
            assertThat(Screens.row(rows, "more shards")).containsPattern("\\+\\d+ more shards\\s*$");
            assertThat(rows).anySatisfy(r -> assertThat(r).contains("node-1 "));
            assertThat(Screens.row(rows, "logs_stream{0}")).isNotBlank();
        }
    }

    @Test
    void one_shard_is_the_plain_stream_without_a_shards_table_or_count() {
        engine.cluster = THREE;
        engine.stream = sharded(List.of(new ShardStats("logs_stream", 500, 20, 480, 12)));
        engine.publish();
        try (VirtualConsole vc = console(80, 24)) {
            assertThat(vc.frame().get(0)).contains("3 nodes").doesNotContain("shards");
            vc.press('w');
            vc.press('w');
            List<String> rows = vc.frame();
            assertThat(rows).noneMatch(r -> r.contains("logs_stream") || r.contains("workers here"));
            assertThat(Screens.row(rows, "the group:")).contains("500 events in the stream");
        }
    }

    /** The stream totals of {@code shards}, as the engine adds them up (a key away adds nothing). */
    private static StreamStats sharded(List<ShardStats> shards) {
        long backlog = shards.stream()
                .mapToLong(ShardStats::backlog)
                .filter(n -> n > 0)
                .sum();
        long pending = shards.stream()
                .mapToLong(ShardStats::pendingEntries)
                .filter(n -> n > 0)
                .sum();
        return new StreamStats(backlog, pending, backlog - pending, 0, shards);
    }

    private VirtualConsole console(int cols, int rows) {
        return new VirtualConsole(engine, cols, rows, new Theme(true, true), "embedded · api test", true);
    }
}
