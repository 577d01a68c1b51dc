package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutTest {
    @Test
    void regions_tile_the_terminal_without_overlap_at_every_size() {
        for (int[] size : new int[][] {{80, 24}, {100, 30}, {120, 40}, {200, 60}, {60, 20}}) {
            Layout l = Layout.of(size[0], size[1]);
            List<Layout.Rect> all = new ArrayList<>(List.of(l.header(), l.knobs(), l.load(), l.footer()));
            all.addAll(l.charts());
            if (l.stats() != null) {
                all.add(l.stats());
            }
            int[][] owner = new int[size[1]][size[0]];
            for (Layout.Rect r : all) {
                for (int row = r.row(); row < r.row() + r.height(); row++) {
                    for (int col = r.col(); col < r.col() + r.width(); col++) {
                        owner[row][col]++;
                    }
                }
            }
            for (int[] row : owner) {
                assertThat(row).as("%dx%d covered once", size[0], size[1]).containsOnly(1);
            }
        }
    }

    @Test
    void the_workloads_view_tiles_the_terminal_too_and_keeps_the_charts_only_when_tall() {
        for (int[] size : new int[][] {{80, 24}, {100, 30}, {100, 41}, {100, 42}, {120, 40}, {200, 60}, {60, 20}}) {
            Layout l = Layout.of(size[0], size[1]);
            List<Layout.Rect> all = new ArrayList<>(List.of(l.header(), l.queue(), l.items(), l.knobs(), l.load()));
            all.addAll(l.workloadCharts());
            all.add(l.footer());
            if (l.stats() != null) {
                all.add(l.stats());
            }
            int[][] owner = new int[size[1]][size[0]];
            for (Layout.Rect r : all) {
                for (int row = r.row(); row < r.row() + r.height(); row++) {
                    for (int col = r.col(); col < r.col() + r.width(); col++) {
                        owner[row][col]++;
                    }
                }
            }
            for (int[] row : owner) {
                assertThat(row).as("%dx%d covered once", size[0], size[1]).containsOnly(1);
            }
            assertThat(l.workloadCharts())
                    .as("%dx%d keeps charts", size[0], size[1])
                    .hasSize(size[1] >= 42 ? 4 : 0);
        }
        Layout small = Layout.of(80, 24);
        assertThat(small.queue()).isEqualTo(new Layout.Rect(0, 2, 40, 14));
        assertThat(small.items()).isEqualTo(new Layout.Rect(40, 2, 40, 14));
        Layout tall = Layout.of(200, 60);
        assertThat(tall.queue().height()).isEqualTo(Layout.WORKLOADS_ROWS);
        assertThat(tall.workloadCharts())
                .allSatisfy(r -> assertThat(r.height()).isGreaterThanOrEqualTo(Layout.MIN_CHART_ROWS));
    }

    @Test
    void an_80x24_terminal_gets_seven_row_charts_and_wide_ones_get_the_stats_panel() {
        Layout small = Layout.of(80, 24);
        assertThat(small.charts()).allSatisfy(r -> assertThat(r.height()).isEqualTo(7));
        assertThat(small.stats()).isNull();
        Layout big = Layout.of(200, 60);
        assertThat(big.stats()).isNotNull();
        assertThat(big.charts().get(0).height()).isGreaterThan(20);
        assertThat(Layout.of(50, 15).usable()).isFalse();
    }

    @Test
    void with_the_experiment_banner_the_regions_still_tile_and_the_table_gets_charts_under_it_when_tall() {
        for (int[] size : new int[][] {{80, 24}, {100, 30}, {120, 40}, {200, 60}, {60, 20}}) {
            for (int tableRows : new int[] {8, 12, 30}) {
                Layout l = Layout.of(size[0], size[1], true);
                List<Layout.Rect> all =
                        new ArrayList<>(List.of(l.header(), l.banner(), l.knobs(), l.load(), l.footer()));
                all.add(l.experimentTable(tableRows));
                all.addAll(l.experimentCharts(tableRows));
                if (l.stats() != null) {
                    all.add(l.stats());
                }
                int[][] owner = new int[size[1]][size[0]];
                for (Layout.Rect r : all) {
                    for (int row = r.row(); row < r.row() + r.height(); row++) {
                        for (int col = r.col(); col < r.col() + r.width(); col++) {
                            owner[row][col]++;
                        }
                    }
                }
                for (int[] row : owner) {
                    assertThat(row)
                            .as("%dx%d with a table of %d rows covered once", size[0], size[1], tableRows)
                            .containsOnly(1);
                }
            }
        }
        assertThat(Layout.of(80, 24, true).banner()).isEqualTo(new Layout.Rect(0, 2, 80, 2));
        assertThat(Layout.of(80, 24, true).charts().get(0).row()).isEqualTo(4);
        assertThat(Layout.of(80, 24, true).experimentCharts(8)).isEmpty();
        assertThat(Layout.of(200, 60, true).experimentCharts(10)).hasSize(4);
        assertThat(Layout.of(100, 34, true).experimentCharts(10)).hasSize(2);
    }
}
