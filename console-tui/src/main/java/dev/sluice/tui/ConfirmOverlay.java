package dev.sluice.tui;

import java.util.List;

/** The quit prompt shown while a load runs; its key lines come from the key table's quit-prompt scope. */
final class ConfirmOverlay {
    private final KeyMap keys;

    ConfirmOverlay(KeyMap keys) {
        this.keys = keys;
    }

    void draw(Canvas screen, boolean embedded) {
        List<KeyMap.Binding> choices = keys.bindings().stream()
                .filter(b -> b.scope() == KeyMap.Scope.CONFIRM)
                .toList();
        String question = embedded
                ? "A load is running. Stop it, drain the engine and quit?"
                : "A load is running. Stop it and quit?";
        int width = Math.min(screen.width(), question.length() + 4);
        int height = Math.min(screen.height(), choices.size() + 4);
        Canvas c = screen.region(
                new Layout.Rect((screen.width() - width) / 2, (screen.height() - height) / 2, width, height));
        c.clear();
        c.box("Quit");
        c.text(2, 1, question, Theme.Role.TEXT);
        for (int i = 0; i < choices.size(); i++) {
            c.text(2, 2 + i, choices.get(i).key().label(), Theme.Role.KEY);
            c.text(8, 2 + i, choices.get(i).description(), Theme.Role.TEXT);
        }
    }
}
