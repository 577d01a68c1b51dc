package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlotTest {
    @Test
    void braille_puts_two_samples_per_cell_and_four_levels_per_row() {
        // one row, two cells: samples 0, max, NaN (gap), max
        Plot.Cells cells = Plot.draw(List.of(new double[] {0, 4, Double.NaN, 4}), 4, 2, 1, true);
        // cell 0: left dot at the bottom (0x40), right column joined bottom..top (0x08|0x10|0x20|0x80)
        assertThat(cells.glyphs()[0][0]).isEqualTo((char) (0x2800 + 0x40 + 0x08 + 0x10 + 0x20 + 0x80));
        // cell 1: the gap, then a single top dot in the right column
        assertThat(cells.glyphs()[0][1]).isEqualTo((char) (0x2800 + 0x08));
        assertThat(cells.series()[0][1]).isZero();
    }

    @Test
    void newest_values_sit_at_the_right_edge_and_later_series_draw_on_top() {
        Plot.Cells cells = Plot.draw(List.of(new double[] {1}, new double[] {1}), 1, 5, 2, false);
        assertThat(cells.row(0)).isEqualTo("    +");
        assertThat(cells.row(1)).isEqualTo("     ");
        assertThat(cells.series()[0][4]).isEqualTo(1);
    }

    @Test
    void ascii_plots_one_mark_per_series_at_its_level() {
        Plot.Cells cells = Plot.draw(List.of(new double[] {0, 5, 10}, new double[] {10, 5, 0}), 10, 3, 3, false);
        assertThat(cells.row(0)).isEqualTo("+ *");
        assertThat(cells.row(1)).isEqualTo(" + ");
        assertThat(cells.row(2)).isEqualTo("* +");
    }

    @Test
    void axis_maximum_is_a_round_number_at_or_above_the_peak() {
        assertThat(Plot.niceMax(0)).isEqualTo(1);
        assertThat(Plot.niceMax(7)).isEqualTo(10);
        assertThat(Plot.niceMax(1_300)).isEqualTo(2_000);
        assertThat(Plot.niceMax(2_100)).isEqualTo(2_500);
        assertThat(Plot.niceMax(2_600)).isEqualTo(5_000);
        assertThat(Plot.niceMax(50)).isEqualTo(50);
    }
}
