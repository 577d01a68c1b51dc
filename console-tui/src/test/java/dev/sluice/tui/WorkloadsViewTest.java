package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.MetricsSnapshot.ChannelDepth;
import dev.sluice.api.MetricsSnapshot.ItemsStats;
import dev.sluice.api.MetricsSnapshot.Latency;
import dev.sluice.api.MetricsSnapshot.QueueStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workloads view ({@code w}): the queue and items panels in place of the charts, on the virtual terminal. */
class WorkloadsViewTest {
    static final QueueStats QUEUE = new QueueStats(
            1_530,
            List.of(
                    new ChannelDepth("jobs", 1_200),
                    new ChannelDepth("mail", 300),
                    new ChannelDepth("reports", 25),
                    new ChannelDepth("audit", 4),
                    new ChannelDepth("misc", 1)),
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

    private final FakeEngine engine = new FakeEngine();

    @Test
    void w_shows_both_workloads_within_80x24_then_the_nodes_then_the_charts_again() {
        engine.queue = QUEUE;
        engine.items = ITEMS;
        engine.publish();
        try (VirtualConsole vc = console(80, 24)) {
            vc.press('w');
            List<String> rows = vc.frame();
            vc.save("workloads-80x24");

            assertThat(rows).hasSize(24).allSatisfy(r -> assertThat(r).hasSize(80));
            assertThat(rows).as("nothing cut short").noneMatch(r -> r.contains("~"));
            assertThat(rows).noneMatch(r -> r.contains("Requests/s"));
            assertThat(left(rows, "Queue")).contains("depth 1,530");
            assertThat(left(rows, "enqueued/s")).containsPattern("enqueued/s\\s+1.23k\\s+total 123,456");
            assertThat(left(rows, "consumed/s")).containsPattern("consumed/s\\s+1.18k");
            assertThat(left(rows, "empty/s")).containsPattern("empty/s\\s+12\\s");
            assertThat(left(rows, "enqueue p95")).containsPattern("enqueue p95\\s+3.4ms");
            assertThat(left(rows, "consume p95")).containsPattern("consume p95\\s+850µs");
            assertThat(left(rows, "top channels")).isNotBlank();
            assertThat(left(rows, " jobs")).containsPattern("jobs\\s+1,200\\s+█{18}");
            assertThat(left(rows, " mail")).containsPattern("mail\\s+300\\s+█{5}\\s");
            assertThat(left(rows, " misc")).containsPattern("misc\\s+1\\s+█\\s");
            assertThat(left(rows, "errors")).contains("refused 3 · failed 0");

            assertThat(right(rows, "Items")).contains("w nodes");
            assertThat(right(rows, "posted/s")).containsPattern("posted/s\\s+120\\s+total 45,000");
            assertThat(right(rows, "landed/s")).containsPattern("landed/s\\s+118");
            assertThat(right(rows, "page reads/s")).containsPattern("page reads/s\\s+800");
            assertThat(right(rows, "item reads/s")).containsPattern("item reads/s\\s+310");
            assertThat(right(rows, "hit ratio")).containsPattern("hit ratio\\s+97%");
            assertThat(right(rows, "read p95")).containsPattern("read p95\\s+1.2ms");
            assertThat(right(rows, "rows ")).containsPattern("rows\\s+44,990");
            assertThat(right(rows, "backlog")).containsPattern("backlog\\s+10\\s");
            assertThat(right(rows, "errors")).contains("refused 0 · failed 2");

            assertThat(Screens.knobRow(rows, "workers ").substring(0, 40)).endsWith("+ - ");
            assertThat(Screens.row(rows, "profile")).contains("realistic");
            assertThat(rows.get(22)).contains("? help", "q quit", "l load");
            assertThat(rows.get(23)).contains("showing the queue and items workloads");

            vc.press('w');
            assertThat(vc.frame()).anyMatch(r -> r.startsWith(" Nodes"));
            vc.press('w');
            List<String> charts = vc.frame();
            Screens.assertReadable(charts, false);
            assertThat(charts).noneMatch(r -> r.contains("hit ratio"));
        }
    }

    @Test
    void figures_the_engine_could_not_read_show_as_a_dash() {
        // PostgreSQL and Redis away: depth, rows and backlog unread; no page served, nothing measured
        engine.queue = new QueueStats(-1, List.of(), 0, 0, 0, Latency.NONE, Latency.NONE, 10, 10, 0, 0);
        engine.items = new ItemsStats(0, 0, 0, -1, Latency.NONE, 0, 5, 5, 0, 0, -1, -1, 0, 0);
        engine.publish();
        try (VirtualConsole vc = console(80, 24)) {
            vc.press('w');
            List<String> rows = vc.frame();
            vc.save("workloads-unknown-80x24");
            assertThat(left(rows, "Queue")).containsPattern("depth -(\\s|$)");
            assertThat(left(rows, "enqueue p95")).containsPattern("enqueue p95\\s+-\\s");
            assertThat(left(rows, "consume p95")).containsPattern("consume p95\\s+-\\s");
            assertThat(rows.get(rows.indexOf(row(rows, "top channels")) + 1).substring(0, 40))
                    .isEqualTo("   -" + " ".repeat(36));
            assertThat(right(rows, "hit ratio")).containsPattern("hit ratio\\s+-\\s");
            assertThat(right(rows, "read p95")).containsPattern("read p95\\s+-\\s");
            assertThat(right(rows, "rows ")).containsPattern("rows\\s+-\\s");
            assertThat(right(rows, "backlog")).containsPattern("backlog\\s+-\\s");
        }
    }

    @Test
    void an_engine_that_does_not_report_the_workloads_says_so() {
        engine.publish();
        try (VirtualConsole vc = console(80, 24)) {
            vc.press('w');
            List<String> rows = vc.frame();
            assertThat(rows.get(3).substring(0, 40)).contains("not reported by the engine");
            assertThat(rows.get(3).substring(40)).contains("not reported by the engine");
        }
    }

    @Test
    void the_smallest_terminal_keeps_the_main_figures_and_a_large_one_shows_every_detail() {
        engine.queue = QUEUE;
        engine.items = ITEMS;
        engine.publish();
        try (VirtualConsole vc = console(60, 20)) {
            vc.press('w');
            List<String> small = vc.frame();
            vc.save("workloads-60x20");
            assertThat(small.subList(0, 18)).noneMatch(r -> r.contains("~"));
            for (String figure : List.of("depth 1,530", "enqueued/s", "consume p95", "jobs", "reports")) {
                assertThat(String.join("\n", small)).contains(figure);
            }
            for (String figure :
                    List.of("posted/s", "landed/s", "item reads/s", "97%", "read p95", "44,990", "backlog")) {
                assertThat(String.join("\n", small)).contains(figure);
            }

            vc.resize(200, 60);
            List<String> big = vc.frame();
            vc.save("workloads-200x60");
            assertThat(row(big, "Queue")).contains("POST /message · GET /queue/{channel}");
            assertThat(row(big, "Items")).contains("POST /items · GET /items", "w nodes");
            assertThat(row(big, "enqueue p95")).contains("p99 12ms · max 40ms");
            assertThat(row(big, "hit ratio")).contains("291,000 of 300,000 pages since start");
            assertThat(row(big, "empty/s")).contains("GET /queue answered 204");
            assertThat(row(big, " jobs")).as("the bar keeps its length").containsPattern("1,200\\s+█{30}\\s");
            assertThat(String.join("\n", big)).contains(" audit", " misc", "Engine");
            assertThat(String.join("\n", big))
                    .as("a tall terminal keeps the charts under the workloads")
                    .contains("Requests/s", "Latency", "Stream ", "Rows/s committed", "peak");
            assertThat(big.indexOf(row(big, "Requests/s"))).isGreaterThan(big.indexOf(row(big, " errors ")));
        }
    }

    @Test
    void an_ascii_terminal_gets_plain_glyphs_in_the_workloads_view() {
        engine.queue = QUEUE;
        engine.items = ITEMS;
        engine.publish();
        try (VirtualConsole vc =
                new VirtualConsole(engine, 80, 24, new Theme(false, false), "embedded - api test", true)) {
            vc.press('w');
            List<String> rows = vc.frame();
            vc.save("workloads-ascii-80x24");
            assertThat(String.join("", rows).chars()).allMatch(ch -> ch < 128);
            assertThat(left(rows, " jobs")).containsPattern("jobs\\s+1,200\\s+#{18}");
            assertThat(left(rows, "consume p95")).contains("850us");
            assertThat(right(rows, "hit ratio")).containsPattern("hit ratio\\s+97%");
            assertThat(rows).noneMatch(r -> r.contains("~"));
        }
    }

    private VirtualConsole console(int cols, int rows) {
        return new VirtualConsole(engine, cols, rows, new Theme(true, true), "embedded · api test", true);
    }

    private static String row(List<String> rows, String marker) {
        return Screens.row(rows, marker);
    }

    /** The queue panel's part (the left half) of the first row with {@code marker} there. */
    private static String left(List<String> rows, String marker) {
        return half(rows, marker, true);
    }

    /** The items panel's part (the right half) of the first row with {@code marker} there. */
    private static String right(List<String> rows, String marker) {
        return half(rows, marker, false);
    }

    private static String half(List<String> rows, String marker, boolean left) {
        int mid = rows.get(0).length() / 2;
        return rows.stream()
                .map(r -> left ? r.substring(0, mid) : r.substring(mid))
                .filter(r -> r.contains(marker))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + (left ? "left" : "right") + " half with '" + marker
                        + "' in\n" + String.join("\n", rows)));
    }
}
