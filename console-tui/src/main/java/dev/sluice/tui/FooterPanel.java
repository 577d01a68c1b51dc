package dev.sluice.tui;

import dev.sluice.tui.KeyMap.Command;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The bottom two rows: the main keys (labels taken from the key table; the view key names the
 * view it switches to; at 80 columns the hints end with the experiment key, the knob keys
 * being on the knobs panel anyway) and the event line, which says what the last action changed or, in the
 * error colour, why the engine refused it.
 */
final class FooterPanel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final KeyMap keys;
    private final ZoneId zone;

    FooterPanel(KeyMap keys, ZoneId zone) {
        this.keys = keys;
        this.zone = zone;
    }

    /** @param next the view the view key switches to */
    void draw(Canvas c, DashboardModel.Event event, DashboardModel.View next) {
        int col = 1;
        col = hint(c, col, keys.labelOf(Command.HELP), "help");
        col = hint(c, col, keys.labelOf(Command.QUIT), "quit");
        col = hint(c, col, keys.labelOf(Command.WORKERS_UP) + "/" + keys.labelOf(Command.WORKERS_DOWN), "workers");
        col = hint(c, col, keys.labelOf(Command.BATCH_UP) + "/" + keys.labelOf(Command.BATCH_DOWN), "batch");
        col = hint(c, col, keys.labelOf(Command.MODE), "mode");
        col = hint(c, col, keys.labelOf(Command.PAUSE), "pause");
        col = hint(c, col, keys.labelOf(Command.LOAD), "load");
        col = hint(c, col, keys.labelOf(Command.EXPERIMENT), "experiment");
        col = hint(c, col, keys.labelOf(Command.FLUSH_UP) + "/" + keys.labelOf(Command.FLUSH_DOWN), "flush");
        col = hint(c, col, keys.labelOf(Command.LOAD_UP) + "/" + keys.labelOf(Command.LOAD_DOWN), "users");
        hint(c, col, keys.labelOf(Command.VIEW), next.label);
        String time = TIME.format(Instant.ofEpochMilli(event.atMillis()).atZone(zone));
        int at = c.text(1, 1, time, Theme.Role.DIM);
        c.text(at + 1, 1, event.text(), event.error() ? Theme.Role.BAD : Theme.Role.TEXT);
    }

    /** Writes {@code key what} if it fits whole; returns where the next hint starts. */
    private static int hint(Canvas c, int col, String key, String what) {
        if (col + key.length() + 1 + what.length() > c.width()) {
            return c.width();
        }
        int after = c.text(col, 0, key, Theme.Role.KEY);
        return c.text(after + 1, 0, what, Theme.Role.DIM) + 2;
    }
}
