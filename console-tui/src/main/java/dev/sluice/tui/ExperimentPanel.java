package dev.sluice.tui;

import dev.sluice.api.ExperimentStatus;
import dev.sluice.tui.KeyMap.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * The experiment view: the results table filling in as steps finish ({@link ResultsTable}), the
 * step under way as a last, unfinished row, then the verdict and the columns the width left out.
 * When the rows outnumber the room, the newest stay and a line counts the earlier ones. Its title
 * carries the key to the next view.
 *
 * <pre>
 *  Experiment  stages · quick pace · RUNNING  Stage 1 (insert per request) vs st~  w charts
 *  step                       Avg RPS  events/s   p50   p95   p99  err rate
 *                               req/s                ms    ms    ms         %
 *  direct-insert / realistic       52       412   3.1   7.9  12.0      0.00
 *  direct-insert / stress      measuring, 0:12 left
 *  +4 hidden (wider terminal): max lag, recovery, accepted, landed
 * </pre>
 */
final class ExperimentPanel {
    private final KeyMap keys;

    ExperimentPanel(KeyMap keys) {
        this.keys = keys;
    }

    /** @param next the view {@code w} switches to, named in the title */
    void draw(Canvas c, ExperimentStatus e, long nowMillis, DashboardModel.View next) {
        String key = keys.labelOf(Command.VIEW) + " " + next.label + " ";
        int col = c.text(1, 0, "Experiment", Theme.Role.TITLE);
        c.right(0, key, Theme.Role.KEY);
        if (e.state() == ExperimentStatus.State.IDLE) {
            c.text(
                    1,
                    1,
                    "none has run on this engine; " + keys.labelOf(Command.EXPERIMENT) + " starts one",
                    Theme.Role.DIM);
            return;
        }
        col = c.text(
                col + 2,
                0,
                e.name() + (e.pace() == null ? "" : " · " + ExperimentText.pace(e)) + " · ",
                Theme.Role.TEXT);
        col = c.text(col, 0, ExperimentText.state(e), ExperimentText.role(e));
        c.text(col + 2, 0, Fmt.fit(e.title(), c.width() - col - 4 - key.length()), Theme.Role.DIM);

        boolean underWay = e.running() && e.stepIndex() >= e.rows().size();
        ResultsTable.Fitted t = ResultsTable.fit(e.rows(), underWay ? e.stepLabel() : "", c.width() - 2);
        String pending = underWay ? pending(e, t.labelWidth(), nowMillis) : null;
        List<String> notes = new ArrayList<>();
        if (!e.summary().isEmpty()) {
            notes.add(e.summary());
        }
        if (!t.hidden().isEmpty()) {
            notes.add("+" + t.hidden().size() + " hidden (wider terminal): " + String.join(", ", t.hidden()));
        }
        int head = e.rows().isEmpty() ? 1 : 2;
        int room = c.height() - 1 - head - (pending == null ? 0 : 1);
        // the notes give way before the rows do, the hidden columns' note first
        while (!notes.isEmpty() && room - notes.size() < Math.min(e.rows().size(), 3)) {
            notes.remove(notes.size() - 1);
        }
        int row = 1;
        if (e.rows().isEmpty()) {
            c.text(
                    1,
                    row++,
                    e.state().ended()
                            ? "no step finished, so the table has no rows"
                            : "no step has finished yet: the table fills in as steps finish",
                    Theme.Role.DIM);
        } else {
            c.text(1, row++, t.head(), Theme.Role.TITLE);
            c.text(1, row++, t.units(), Theme.Role.DIM);
        }
        row = drawRows(c, row, t.rows(), room - notes.size());
        if (pending != null) {
            c.text(1, row++, pending, Theme.Role.WARN);
        }
        for (String note : notes) {
            c.text(1, row++, Fmt.fit(c.glyphs(note), c.width() - 2), Theme.Role.DIM);
        }
    }

    /** The rows that fit in {@code room} lines from {@code row}, the newest kept; returns the next free row. */
    private static int drawRows(Canvas c, int row, List<String> rows, int room) {
        int first = 0;
        if (rows.size() > room && room > 0) {
            first = rows.size() - (room - 1);
            c.text(1, row++, "… " + first + (first == 1 ? " earlier step" : " earlier steps"), Theme.Role.DIM);
        }
        for (int i = first; i < rows.size() && room > 0; i++) {
            c.text(1, row++, Fmt.fit(rows.get(i), c.width() - 2), Theme.Role.TEXT);
        }
        return row;
    }

    /** The step under way, as a row that has not finished: its label, then what it is doing. */
    private static String pending(ExperimentStatus e, int labelWidth, long nowMillis) {
        String label = Fmt.fit(e.stepLabel(), labelWidth);
        return label
                + " ".repeat(Math.max(0, labelWidth - label.length()))
                + ResultsTable.GAP
                + ExperimentText.doing(e, nowMillis);
    }
}
