package dev.sluice.tui;

import dev.sluice.api.ExperimentStatus.Cell;
import dev.sluice.api.ExperimentStatus.ResultRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The results table as text for a given width, in the shape the CLI prints (a row per finished
 * step, its figures right-aligned, the units in the header) but fitted to a terminal: long column
 * names take a short form, and the columns that do not fit are left out from the right (the
 * experiment lists its figures most important first) and named, so the reader knows what a wider
 * terminal would show. Pure.
 *
 * <pre>
 *  step                       Avg RPS  events/s   p50   p95   p99  err rate
 *                               req/s                ms    ms    ms         %
 *  direct-insert / realistic       52       412   3.1   7.9  12.0      0.00
 * </pre>
 */
final class ResultsTable {
    static final String GAP = "  ";
    /** Short forms of the engine's long column names, so more columns fit in 80. */
    private static final Map<String, String> SHORT = Map.of(
            "accept→commit p99", "commit p99",
            "events accepted", "accepted",
            "rows landed", "landed",
            "client p99 (worst s)", "client p99",
            "error rate", "err rate");

    /**
     * The table as fitted.
     *
     * @param head   the column names
     * @param units  their units, under the names
     * @param rows   one line per finished step
     * @param hidden the columns left out, in order, by their short names
     * @param labelWidth how wide the step column is, for a line that continues the table
     */
    record Fitted(String head, String units, List<String> rows, List<String> hidden, int labelWidth) {}

    private ResultsTable() {}

    /** @param pending the label of the step under way, "" for none: the step column is wide enough for it too */
    static Fitted fit(List<ResultRow> rows, String pending, int width) {
        List<String> columns = rows.isEmpty()
                ? List.of()
                : rows.get(0).cells().stream().map(Cell::column).toList();
        int labelWidth = Math.max("step".length(), pending.length());
        for (ResultRow r : rows) {
            labelWidth = Math.max(labelWidth, r.step().length());
        }
        labelWidth = Math.min(labelWidth, Math.max(12, width / 3));
        StringBuilder head = new StringBuilder(pad("step", labelWidth));
        StringBuilder units = new StringBuilder(" ".repeat(labelWidth));
        List<StringBuilder> lines = new ArrayList<>();
        for (ResultRow r : rows) {
            lines.add(new StringBuilder(pad(Fmt.fit(r.step(), labelWidth), labelWidth)));
        }
        List<String> hidden = new ArrayList<>();
        for (String column : columns) {
            String name = SHORT.getOrDefault(column, column);
            String unit = unitOf(rows, column);
            int w = Math.max(name.length(), unit.length());
            for (ResultRow r : rows) {
                w = Math.max(w, text(r, column).length());
            }
            if (!hidden.isEmpty() || head.length() + GAP.length() + w > width) {
                hidden.add(name);
                continue;
            }
            head.append(GAP).append(alignRight(name, w));
            units.append(GAP).append(alignRight(unit, w));
            for (int i = 0; i < rows.size(); i++) {
                lines.get(i).append(GAP).append(alignRight(text(rows.get(i), column), w));
            }
        }
        return new Fitted(
                head.toString(),
                units.toString().stripTrailing(),
                lines.stream().map(StringBuilder::toString).toList(),
                List.copyOf(hidden),
                labelWidth);
    }

    private static String text(ResultRow r, String column) {
        return r.cell(column).map(Cell::formatted).orElse("");
    }

    /** The unit under a column's name; none when it only repeats the name ({@code events/s}). */
    private static String unitOf(List<ResultRow> rows, String column) {
        String unit = rows.get(0).cell(column).map(Cell::unit).orElse("");
        return unit.equals(column) ? "" : unit;
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    private static String alignRight(String s, int w) {
        return " ".repeat(Math.max(0, w - s.length())) + s;
    }
}
