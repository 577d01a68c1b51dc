package dev.sluice.tui;

import java.util.List;

/**
 * A yes/no prompt: quit while a load or an experiment runs, or stop the experiment. Its key lines
 * come from the key table's prompt scope; the yes line says what yes does here.
 */
final class ConfirmOverlay {
    private final KeyMap keys;

    ConfirmOverlay(KeyMap keys) {
        this.keys = keys;
    }

    /**
     * @param title    the frame's title, e.g. {@code Quit}
     * @param question one line
     * @param yes      what {@code y} does, e.g. {@code stop the load and quit}
     */
    void draw(Canvas screen, String title, String question, String yes) {
        List<KeyMap.Binding> choices = keys.bindings().stream()
                .filter(b -> b.scope() == KeyMap.Scope.CONFIRM)
                .toList();
        int width = Math.min(screen.width(), Math.max(question.length(), yes.length() + 6) + 4);
        int height = Math.min(screen.height(), choices.size() + 4);
        Canvas c = screen.region(
                new Layout.Rect((screen.width() - width) / 2, (screen.height() - height) / 2, width, height));
        c.clear();
        c.box(title);
        c.text(2, 1, question, Theme.Role.TEXT);
        for (int i = 0; i < choices.size(); i++) {
            KeyMap.Binding b = choices.get(i);
            c.text(2, 2 + i, b.key().label(), Theme.Role.KEY);
            c.text(8, 2 + i, b.command() == KeyMap.Command.CONFIRM ? yes : b.description(), Theme.Role.TEXT);
        }
    }
}
