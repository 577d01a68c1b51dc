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
    void an_80x24_terminal_gets_seven_row_charts_and_wide_ones_get_the_stats_panel() {
        Layout small = Layout.of(80, 24);
        assertThat(small.charts()).allSatisfy(r -> assertThat(r.height()).isEqualTo(7));
        assertThat(small.stats()).isNull();
        Layout big = Layout.of(200, 60);
        assertThat(big.stats()).isNotNull();
        assertThat(big.charts().get(0).height()).isGreaterThan(20);
        assertThat(Layout.of(50, 15).usable()).isFalse();
    }
}
