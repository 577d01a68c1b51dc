package dev.sluice.tui;

import dev.sluice.api.LoadSpec;
import dev.sluice.api.LoadStatus;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.tui.KeyMap.Command;
import java.util.List;

/**
 * The in-engine load generator: what runs (or what {@code l} would start), for how long, and the
 * generator's own client-side view: requests/s, p95/p99 corrected for coordinated omission, errors.
 */
final class LoadPanel {
    private static final int VALUE_COL = 10;

    private final KeyMap keys;

    LoadPanel(KeyMap keys) {
        this.keys = keys;
    }

    void draw(Canvas c, MetricsSnapshot s, LoadSpec draft) {
        LoadStatus load = s == null ? LoadStatus.IDLE : s.load();
        boolean running = load.running();
        LoadSpec spec = running && load.spec() != null ? load.spec() : draft;
        Theme theme = c.theme();
        int col = c.text(1, 0, "Load", Theme.Role.TITLE);
        String state = running
                ? theme.dot(true) + " running " + Fmt.elapsed(load.elapsedMillis())
                : theme.dot(false) + " idle";
        c.text(col + 1, 0, state, running ? Theme.Role.GOOD : Theme.Role.DIM);
        keyed(c, 0, keys.labelOf(Command.LOAD) + (running ? " stop" : " start"));
        row(c, 1, "profile", spec.profile(), keys.labelOf(Command.PROFILE));
        row(c, 2, "model", spec.model() + (LoadText.open(spec) ? " (rate)" : " (users)"), keys.labelOf(Command.MODEL));
        row(
                c,
                3,
                LoadText.open(spec) ? "rate" : "users",
                LoadText.figure(spec),
                keys.labelOf(Command.LOAD_UP) + " " + keys.labelOf(Command.LOAD_DOWN));
        if (!running) {
            row(c, 4, "client", "-", "");
            if (load.lastError() != null) {
                text(c, 5, "last", load.lastError(), Theme.Role.BAD);
            }
            return;
        }
        boolean unicode = theme.unicode();
        String rps = Fmt.qty(load.requestsPerSec()) + " req/s";
        String p95 = "p95 " + Fmt.micros(load.p95Micros(), unicode);
        String p99 = "p99 " + Fmt.micros(load.p99Micros(), unicode);
        // the fullest line that fits the panel: requests/s and p95 always stay whole
        String client = rps + " · " + p95;
        for (String candidate : List.of(
                rps + " · " + Fmt.qty(load.eventsPerSec()) + " ev/s · " + p95 + " · " + p99,
                rps + " · " + p95 + " · " + p99)) {
            if (VALUE_COL + candidate.length() < c.width()) {
                client = candidate;
                break;
            }
        }
        text(c, 4, "client", client, Theme.Role.TEXT);
        String errors = Fmt.qty(load.errors()) + "/s · total " + Fmt.count(load.errorsTotal());
        boolean failing = load.errors() > 0;
        if (load.lastError() != null && c.height() <= 6) {
            errors += " · " + load.lastError();
        }
        text(c, 5, "errors", errors, failing ? Theme.Role.BAD : Theme.Role.TEXT);
        if (load.lastError() != null && c.height() > 6) {
            text(c, 6, "last", load.lastError(), Theme.Role.BAD);
        }
    }

    private void row(Canvas c, int r, String label, String value, String key) {
        text(c, r, label, value, Theme.Role.TITLE);
        keyed(c, r, key);
    }

    private static void text(Canvas c, int r, String label, String value, Theme.Role role) {
        if (r < c.height()) {
            c.text(1, r, label, Theme.Role.TEXT);
            c.text(VALUE_COL, r, value, role);
        }
    }

    private static void keyed(Canvas c, int r, String key) {
        if (!key.isEmpty() && r < c.height()) {
            c.right(r, key + " ", Theme.Role.KEY);
        }
    }
}
