package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.sluice.api.EngineControl;
import java.util.ArrayList;
import java.util.List;

/** Reading and checking rendered screens. */
final class Screens {
    private Screens() {}

    /** What a brand-new console draws from the same model at that size: a resized one must look the same. */
    static List<String> freshRender(VirtualConsole vc, EngineControl engine, int cols, int rows) throws Exception {
        DefaultVirtualTerminal t = new DefaultVirtualTerminal(new TerminalSize(cols, rows));
        TerminalScreen s = new TerminalScreen(t);
        s.startScreen();
        new Console(s, engine, vc.model, vc.actions, new Theme(true, true), vc.target, true).render();
        List<String> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                b.append(t.getCharacter(c, r).getCharacterString());
            }
            out.add(b.toString());
        }
        return out;
    }

    /** Every panel's title, labels and key hints are on screen and whole. */
    static void assertReadable(List<String> rows, boolean wide) {
        String all = String.join("\n", rows);
        assertThat(rows.get(0)).contains("Sluice", "workers");
        for (String title :
                List.of("Requests/s", "Latency", "Stream ", "Rows/s committed", "Knobs", "Load", "-", "now", "peak")) {
            assertThat(all).as("panel text %s", title).contains(title);
        }
        int knobsWidth = wide ? rows.get(0).length() / 3 : rows.get(0).length() / 2;
        assertThat(knobRow(rows, "workers ").substring(0, knobsWidth)).endsWith("+ - ");
        assertThat(knobRow(rows, "batch size").substring(0, knobsWidth)).endsWith("] [ ");
        assertThat(knobRow(rows, "flush every").substring(0, knobsWidth)).endsWith("} { ");
        assertThat(knobRow(rows, "mode ").substring(0, knobsWidth)).endsWith("m p ");
        assertThat(knobRow(rows, "water ").substring(0, knobsWidth)).endsWith(") ( ");
        assertThat(row(rows, "profile")).contains("realistic");
        assertThat(rows.get(rows.size() - 2)).contains("? help", "q quit", "+/- workers", "l load");
        assertThat(all.contains("Engine")).isEqualTo(wide);
    }

    /** The first row containing {@code marker}. */
    static String row(List<String> rows, String marker) {
        return rows.stream()
                .filter(r -> r.contains(marker))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row with '" + marker + "' in\n" + String.join("\n", rows)));
    }

    /** The knobs panel's row for {@code label}; the panel starts at the left edge. */
    static String knobRow(List<String> rows, String label) {
        return rows.stream()
                .filter(r -> r.startsWith(" " + label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no knob row '" + label + "' in\n" + String.join("\n", rows)));
    }
}
