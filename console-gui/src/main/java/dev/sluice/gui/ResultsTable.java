package dev.sluice.gui;

import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.Cell;
import dev.sluice.api.ExperimentStatus.ResultRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The experiment's results table as the console shows it: a row per finished step, the step's
 * label first, then the figures in the engine's column order with their units in the headers, in
 * the precision the CLI's table prints. No JavaFX types.
 *
 * @param headers {@code step}, then e.g. {@code p99 (ms)}, {@code events/s}, {@code SLO}
 * @param rows    the cells' text, each row as long as {@code headers}
 * @param summary one line under the table: the verdict, or how many steps finished
 */
record ResultsTable(List<String> headers, List<List<String>> rows, String summary) {
    static final ResultsTable EMPTY = new ResultsTable(List.of(), List.of(), "");

    ResultsTable {
        headers = List.copyOf(headers);
        rows = rows.stream().map(List::copyOf).toList();
    }

    static ResultsTable of(ExperimentStatus s) {
        if (s == null || s.state() == ExperimentStatus.State.IDLE) {
            return EMPTY;
        }
        List<String> headers = new ArrayList<>();
        headers.add("step");
        if (!s.rows().isEmpty()) {
            s.rows().get(0).cells().forEach(c -> headers.add(header(c)));
        }
        List<List<String>> rows = new ArrayList<>();
        for (ResultRow r : s.rows()) {
            List<String> line = new ArrayList<>();
            line.add(r.step());
            r.cells().forEach(c -> line.add(c.formatted()));
            rows.add(line);
        }
        return new ResultsTable(headers, rows, summary(s));
    }

    /** {@code p99 (ms)}; the bare name when the unit is empty or says the same ({@code events/s}). */
    static String header(Cell c) {
        return c.unit().isEmpty() || c.unit().equals(c.column()) ? c.column() : c.column() + " (" + c.unit() + ")";
    }

    private static String summary(ExperimentStatus s) {
        String count = s.rows().size() + " of " + s.stepCount() + " steps finished";
        if (s.state().ended()) {
            String head = s.state().name().toLowerCase(Locale.ROOT) + ": " + count;
            return s.summary().isEmpty() ? head : head + " · " + s.summary();
        }
        return count + (s.rows().isEmpty() ? "; the first row appears when step 1 has drained" : "");
    }
}
