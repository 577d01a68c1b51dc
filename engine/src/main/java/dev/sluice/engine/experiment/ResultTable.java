package dev.sluice.engine.experiment;

import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.Cell;
import dev.sluice.api.ExperimentStatus.ResultRow;
import dev.sluice.api.ExperimentStatus.StepMark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results table as text, in the seeds' shape (a row per step, figures with their units in the
 * header), followed by the warm-up each step had and the experiment's verdict.
 */
public final class ResultTable {
    private ResultTable() {}

    public static String render(ExperimentStatus s) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.title())
                .append(" (")
                .append(s.name())
                .append(", ")
                .append(s.pace() == null ? "full" : s.pace().label())
                .append(" pace)\n");
        if (s.rows().isEmpty()) {
            sb.append("no step finished\n");
        } else {
            table(sb, s.rows());
        }
        sb.append(warmUpLine(s)).append('\n');
        if (!s.summary().isEmpty()) {
            sb.append(s.summary()).append('\n');
        }
        return sb.toString();
    }

    private static void table(StringBuilder sb, List<ResultRow> rows) {
        List<String> header = new ArrayList<>();
        header.add("step");
        for (Cell c : rows.get(0).cells()) {
            header.add(c.unit().isEmpty() || c.unit().equals(c.column()) ? c.column() : c.column() + " " + c.unit());
        }
        List<List<String>> lines = new ArrayList<>();
        for (ResultRow r : rows) {
            List<String> line = new ArrayList<>();
            line.add(r.step());
            r.cells().forEach(c -> line.add(c.formatted()));
            lines.add(line);
        }
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> l : lines) {
                width[i] = Math.max(width[i], l.get(i).length());
            }
        }
        appendLine(sb, header, width);
        sb.append("-".repeat(java.util.Arrays.stream(width).sum() + 2 * (width.length - 1)))
                .append('\n');
        lines.forEach(l -> appendLine(sb, l, width));
    }

    private static void appendLine(StringBuilder sb, List<String> cells, int[] width) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            sb.append(i == 0 ? c + pad : pad + c).append(i == cells.size() - 1 ? "" : "  ");
        }
        sb.append('\n');
    }

    /** "warm-up: 10 s of load before each 30 s measured (not counted in rates and latencies)". */
    static String warmUpLine(ExperimentStatus s) {
        List<String> distinct =
                s.steps().stream().map(ResultTable::times).distinct().toList();
        if (distinct.isEmpty()) {
            return "warm-up: no step started";
        }
        return "warm-up: " + String.join("; ", distinct)
                + " (warm-up not counted in rates and latencies; events accepted and rows landed cover the whole step)";
    }

    private static String times(StepMark m) {
        return seconds(m.warmUp().toMillis()) + " of load before each "
                + seconds(m.measure().toMillis()) + " measured";
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
