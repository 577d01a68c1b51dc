package dev.sluice.tui;

import dev.sluice.api.ExperimentDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code e} overlay: the engine's experiments (name and title), the chosen one marked, the
 * pace, the chosen one's description wrapped to the room left, and the picker's keys from the
 * key table. While the engine has not answered it says so; when the engine could not answer it
 * says why, and Esc still closes it.
 *
 * <pre>
 * ┌ Start an experiment ──────────────────────────────────────────────────┐
 * │ ▶ stages          Stage 1 (insert per request) vs stage 2 (stream …   │
 * │   insert-vs-copy  INSERT vs COPY over batch sizes                     │
 * │ pace  quick: the whole experiment in about 3 minutes                  │
 * │ Seed 001's table: the naive design, where the HTTP handler inserts …  │
 * │ Up/Down choose  Tab pace  Enter start  Esc close                      │
 * └───────────────────────────────────────────────────────────────────────┘
 * </pre>
 */
final class PickerOverlay {
    private static final int NAME_WIDTH = 15;

    private final KeyMap keys;

    PickerOverlay(KeyMap keys) {
        this.keys = keys;
    }

    void draw(Canvas screen, ExperimentPicker p) {
        List<ExperimentDefinition> list = p.choices() == null ? List.of() : p.choices();
        int width = Math.min(screen.width(), 78);
        int inner = width - 4;
        int maxHeight = Math.max(3, screen.height() - 2);
        int listRows = Math.max(1, list.size());
        int describeRows = Math.max(0, Math.min(3, maxHeight - 2 - listRows - 2));
        int height = Math.min(maxHeight, listRows + describeRows + 4);
        Canvas c = screen.region(
                new Layout.Rect((screen.width() - width) / 2, (screen.height() - height) / 2, width, height));
        c.clear();
        c.box("Start an experiment");
        if (p.asking()) {
            c.text(2, 1, "asking the engine for its experiments…", Theme.Role.DIM);
        } else if (!p.error().isEmpty()) {
            c.text(2, 1, Fmt.fit("the engine gave none: " + p.error(), inner), Theme.Role.BAD);
        } else if (list.isEmpty()) {
            c.text(2, 1, "this engine offers no experiments", Theme.Role.DIM);
        }
        // with more experiments than rows, the list scrolls to keep the chosen one in view
        int rowsForList = Math.max(1, height - 4 - describeRows);
        int first = Math.max(0, Math.min(p.selected() - rowsForList + 1, list.size() - rowsForList));
        for (int i = first; i < list.size() && i - first < rowsForList; i++) {
            ExperimentDefinition d = list.get(i);
            boolean chosen = i == p.selected();
            int row = 1 + i - first;
            c.text(2, row, chosen ? "▶ " : "  ", Theme.Role.KEY);
            Theme.Role role = chosen ? Theme.Role.TITLE : Theme.Role.TEXT;
            c.text(4, row, Fmt.fit(d.name(), NAME_WIDTH - 1), role);
            c.text(4 + NAME_WIDTH, row, Fmt.fit(d.title(), inner - 2 - NAME_WIDTH), role);
        }
        int paceRow = 1 + rowsForList;
        int at = c.text(2, paceRow, "pace  ", Theme.Role.DIM);
        c.text(at, paceRow, Fmt.fit(ExperimentPicker.describe(p.pace()), inner - 6), Theme.Role.TITLE);
        List<String> description =
                wrap(p.chosen().map(ExperimentDefinition::description).orElse(""), inner, describeRows);
        for (int i = 0; i < description.size(); i++) {
            c.text(2, paceRow + 1 + i, description.get(i), Theme.Role.DIM);
        }
        drawKeys(c, height - 2);
    }

    private void drawKeys(Canvas c, int row) {
        int col = 2;
        for (KeyMap.Binding b : keys.bindings()) {
            if (b.scope() != KeyMap.Scope.PICKER) {
                continue;
            }
            String what = switch (b.command()) {
                case PICK_UP -> "";
                case PICK_DOWN -> "choose";
                case PICK_PACE -> "pace";
                case PICK_START -> "start";
                default -> "close";
            };
            col = c.text(
                    col, row, b.key().label() + (b.command() == KeyMap.Command.PICK_UP ? "/" : ""), Theme.Role.KEY);
            if (!what.isEmpty()) {
                col = c.text(col + 1, row, what, Theme.Role.DIM) + 2;
            }
        }
    }

    /** {@code text} in lines of at most {@code width}, at most {@code rows} of them, the last ending in … if cut. */
    static List<String> wrap(String text, int width, int rows) {
        List<String> lines = new ArrayList<>();
        if (rows <= 0 || width < 4) {
            return lines;
        }
        StringBuilder line = new StringBuilder();
        String[] words = text.trim().split("\\s+");
        for (int i = 0; i < words.length && !words[i].isEmpty(); i++) {
            String w = words[i];
            if (line.length() > 0 && line.length() + 1 + w.length() > width) {
                if (lines.size() == rows - 1) {
                    lines.add(line.substring(0, Math.min(line.length(), width - 2)) + " …");
                    return lines;
                }
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(w);
        }
        if (line.length() > 0 && lines.size() < rows) {
            lines.add(Fmt.fit(line.toString(), width));
        }
        return lines;
    }
}
