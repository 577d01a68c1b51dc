package dev.sluice.tui;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ?} overlay: every binding of the {@link KeyMap}, grouped by where it works, in as
 * many columns as the terminal needs. Built from the same table the dispatcher reads.
 */
final class HelpOverlay {
    private static final int KEY_WIDTH = 8;
    private static final int ENTRY_WIDTH = 36;

    private final KeyMap keys;

    HelpOverlay(KeyMap keys) {
        this.keys = keys;
    }

    /** Lines of the overlay: a title per scope, then {@code key  what} rows. */
    List<String[]> lines() {
        List<String[]> lines = new ArrayList<>();
        KeyMap.Scope scope = null;
        for (KeyMap.Binding b : keys.bindings()) {
            if (b.scope() != scope) {
                scope = b.scope();
                lines.add(new String[] {null, scope.title()});
            }
            lines.add(new String[] {b.key().label(), b.description()});
        }
        return lines;
    }

    void draw(Canvas screen) {
        List<String[]> lines = lines();
        int maxRows = Math.max(1, screen.height() - 4);
        int columns = Math.max(1, (lines.size() + maxRows - 1) / maxRows);
        int rows = (lines.size() + columns - 1) / columns;
        int width = Math.min(screen.width(), columns * ENTRY_WIDTH + 3);
        int height = Math.min(screen.height(), rows + 3);
        Layout.Rect box = new Layout.Rect((screen.width() - width) / 2, (screen.height() - height) / 2, width, height);
        Canvas c = screen.region(box);
        c.clear();
        c.box("Keys");
        for (int i = 0; i < lines.size(); i++) {
            int col = 2 + (i / rows) * ENTRY_WIDTH;
            int row = 1 + i % rows;
            String[] line = lines.get(i);
            if (line[0] == null) {
                c.text(col, row, line[1], Theme.Role.TITLE);
            } else {
                c.text(col, row, line[0], Theme.Role.KEY);
                c.text(col + KEY_WIDTH, row, Fmt.fit(line[1], ENTRY_WIDTH - KEY_WIDTH - 1), Theme.Role.TEXT);
            }
        }
        c.right(height - 1, " Esc or ? closes ", Theme.Role.DIM);
    }
}
