package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FigureRowsTest {
    private final FigureRows rows = new FigureRows()
            .figure(0, "enqueued/s", "1.2k", "total 123,456")
            .blank(4)
            .note(1, "top channels", Theme.Role.DIM)
            .bar(1, "  jobs", "1,200", 1.0)
            .bar(2, "  misc", "1", 0.001)
            .figure(3, "errors", List.of("refused 3 · failed 0", "4xx 3 · 5xx 0"), Theme.Role.WARN);

    @Test
    void rows_that_do_not_fit_go_highest_rank_first_and_keep_their_order() {
        assertThat(labels(rows.fitting(6)))
                .containsExactly("enqueued/s", "", "top channels", "  jobs", "  misc", "errors");
        assertThat(labels(rows.fitting(5))).containsExactly("enqueued/s", "top channels", "  jobs", "  misc", "errors");
        assertThat(labels(rows.fitting(4))).containsExactly("enqueued/s", "top channels", "  jobs", "  misc");
        assertThat(labels(rows.fitting(3))).containsExactly("enqueued/s", "top channels", "  jobs");
        assertThat(labels(rows.fitting(1))).containsExactly("enqueued/s");
        assertThat(rows.fitting(0)).isEmpty();
    }

    @Test
    void values_and_details_shorten_to_fit_and_a_bar_keeps_at_least_one_cell() throws Exception {
        List<String> wide = render(40, 6);
        assertThat(wide).allSatisfy(r -> assertThat(r).hasSize(40));
        assertThat(wide.get(0).stripTrailing()).isEqualTo(" enqueued/s   1.2k   total 123,456");
        assertThat(wide.get(3).stripTrailing()).isEqualTo("   jobs       1,200  ██████████████████");
        assertThat(wide.get(4).stripTrailing()).isEqualTo("   misc       1      █");
        assertThat(wide.get(5).stripTrailing()).isEqualTo(" errors       refused 3 · failed 0");
        List<String> narrow = render(30, 6);
        assertThat(narrow.get(0).stripTrailing()).isEqualTo(" enqueued/s   1.2k");
        assertThat(narrow.get(5).stripTrailing()).isEqualTo(" errors       4xx 3 · 5xx 0");
    }

    private List<String> render(int cols, int height) throws Exception {
        DefaultVirtualTerminal t = new DefaultVirtualTerminal(new TerminalSize(cols, height));
        TerminalScreen screen = new TerminalScreen(t);
        screen.startScreen();
        rows.draw(new Canvas(screen.newTextGraphics(), new Theme(true, true)), 0);
        screen.refresh();
        List<String> out = new ArrayList<>();
        for (int r = 0; r < height; r++) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                b.append(t.getCharacter(c, r).getCharacterString());
            }
            out.add(b.toString());
        }
        screen.stopScreen();
        return out;
    }

    private static List<String> labels(List<FigureRows.Row> rows) {
        return rows.stream().map(FigureRows.Row::label).toList();
    }
}
