package dev.sluice.tui;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of a workload panel: rows of label, value and detail, each with a rank. It draws as
 * many rows as the panel has room for, leaving out the highest ranks first (spacers, then
 * totals, then the shallower channels), so the figures that matter stay whole at 60×20 and a
 * tall terminal just shows everything. A detail is the fullest of its candidates that fits.
 * Not thread-safe: built and drawn on the UI thread for one frame.
 */
final class FigureRows {
    static final int VALUE_COL = 14;
    static final int DETAIL_COL = 21;
    /** The longest bar: a wide terminal shows the same shape, not a longer one. */
    static final int MAX_BAR = 30;

    /**
     * One row.
     *
     * @param values  candidates for the value, fullest first; the first that fits whole is shown, else the last, cut
     * @param details candidates for the text after the value, fullest first; none fits, none is shown
     * @param share   a bar after the value, this share (0..1) of the room left; negative for no bar
     */
    record Row(
            int rank,
            String label,
            Theme.Role labelRole,
            List<String> values,
            Theme.Role valueRole,
            List<String> details,
            Theme.Role detailRole,
            double share) {}

    private final List<Row> rows = new ArrayList<>();

    /** A figure: label, value in bold, details in the dim colour. */
    FigureRows figure(int rank, String label, String value, String... details) {
        return figure(rank, label, value, Theme.Role.TITLE, details);
    }

    /** A figure whose value (and details) take {@code role}, e.g. an error count in the alarm colour. */
    FigureRows figure(int rank, String label, String value, Theme.Role role, String... details) {
        Theme.Role detailRole = role == Theme.Role.TITLE ? Theme.Role.DIM : role;
        rows.add(new Row(rank, label, Theme.Role.TEXT, List.of(value), role, List.of(details), detailRole, -1));
        return this;
    }

    /** A figure with a shorter form of its value for narrow panels, in {@code role}. */
    FigureRows figure(int rank, String label, List<String> values, Theme.Role role) {
        rows.add(new Row(rank, label, Theme.Role.TEXT, List.copyOf(values), role, List.of(), role, -1));
        return this;
    }

    /** A figure with a bar after it, {@code share} of the room left (channels against the deepest). */
    FigureRows bar(int rank, String label, String value, double share) {
        rows.add(new Row(
                rank, label, Theme.Role.TEXT, List.of(value), Theme.Role.TITLE, List.of(), Theme.Role.SERIES_A, share));
        return this;
    }

    /** A line of text alone, such as a sub-heading. */
    FigureRows note(int rank, String text, Theme.Role role) {
        rows.add(new Row(rank, text, role, List.of(), role, List.of(), role, -1));
        return this;
    }

    FigureRows blank(int rank) {
        return note(rank, "", Theme.Role.TEXT);
    }

    /** The rows that fit in {@code room} lines, in order. */
    List<Row> fitting(int room) {
        int maxRank = rows.stream().mapToInt(Row::rank).max().orElse(0);
        for (int rank = maxRank; rank >= 0; rank--) {
            int r = rank;
            List<Row> kept = rows.stream().filter(row -> row.rank() <= r).toList();
            if (kept.size() <= room) {
                return kept;
            }
        }
        List<Row> essential = rows.stream().filter(row -> row.rank() <= 0).toList();
        return essential.subList(0, Math.max(0, Math.min(room, essential.size())));
    }

    /** Draws the rows that fit from {@code top} to the bottom of {@code c}. */
    void draw(Canvas c, int top) {
        List<Row> shown = fitting(c.height() - top);
        for (int i = 0; i < shown.size(); i++) {
            draw(c, top + i, shown.get(i));
        }
    }

    private static void draw(Canvas c, int r, Row row) {
        int end = c.text(1, r, row.label(), row.labelRole());
        if (!row.values().isEmpty()) {
            int at = Math.max(end + 1, VALUE_COL);
            String value = row.values().get(row.values().size() - 1);
            for (String v : row.values()) {
                if (at + c.glyphs(v).length() <= c.width()) {
                    value = v;
                    break;
                }
            }
            end = c.text(at, r, value, row.valueRole());
        }
        int col = Math.max(end + 2, DETAIL_COL);
        for (String d : row.details()) {
            if (!d.isEmpty() && col + c.glyphs(d).length() <= c.width()) {
                c.text(col, r, d, row.detailRole());
                break;
            }
        }
        int room = Math.min(MAX_BAR, c.width() - col - 1);
        if (row.share() > 0 && room > 0) {
            int n = (int) Math.max(1, Math.round(Math.min(1, row.share()) * room));
            c.text(col, r, "█".repeat(n), row.detailRole());
        }
    }
}
