package dev.sluice.engine.experiment;

import dev.sluice.api.ExperimentStatus.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The figures a step's row can show, by column name, with their units: one place, so the runner,
 * the built-in experiments, user files and the reports agree on the names.
 */
public final class Columns {
    public static final String AVG_RPS = "Avg RPS";
    public static final String EVENTS_PER_SEC = "events/s";
    public static final String P50 = "p50";
    public static final String P95 = "p95";
    public static final String P99 = "p99";
    public static final String ERROR_RATE = "error rate";
    public static final String ERRORS = "errors";
    public static final String MAX_LAG = "max lag";
    public static final String RECOVERY = "recovery";
    public static final String ROWS_PER_SEC = "rows/s";
    public static final String COMMIT_P99 = "accept→commit p99";
    public static final String CPU_PER_EVENT = "CPU/event";
    public static final String OFFERED = "offered";
    public static final String CLIENT_P99 = "client p99 (worst s)";
    public static final String SLO = "SLO";
    public static final String EVENTS_ACCEPTED = "events accepted";
    public static final String ROWS_LANDED = "rows landed";

    /** Column name to unit, in the standard order. */
    static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry(AVG_RPS, "req/s"),
            Map.entry(EVENTS_PER_SEC, "events/s"),
            Map.entry(P50, "ms"),
            Map.entry(P95, "ms"),
            Map.entry(P99, "ms"),
            Map.entry(ERROR_RATE, "%"),
            Map.entry(ERRORS, ""),
            Map.entry(MAX_LAG, "events"),
            Map.entry(RECOVERY, "s"),
            Map.entry(ROWS_PER_SEC, "rows/s"),
            Map.entry(COMMIT_P99, "ms"),
            Map.entry(CPU_PER_EVENT, "µs"),
            Map.entry(OFFERED, "req/s"),
            Map.entry(CLIENT_P99, "ms"),
            Map.entry(SLO, ""),
            Map.entry(EVENTS_ACCEPTED, "events"),
            Map.entry(ROWS_LANDED, "rows"));

    /** What a definition without columns shows. */
    public static final List<String> STANDARD = List.of(
            AVG_RPS,
            EVENTS_PER_SEC,
            P50,
            P95,
            P99,
            ERROR_RATE,
            ERRORS,
            MAX_LAG,
            RECOVERY,
            ROWS_PER_SEC,
            COMMIT_P99,
            CPU_PER_EVENT);

    private Columns() {}

    /**
     * Checks a definition's columns.
     *
     * @throws IllegalArgumentException naming the unknown column and the known ones
     */
    public static List<String> check(List<String> columns) {
        List<String> out = new ArrayList<>();
        for (String c : columns.isEmpty() ? STANDARD : columns) {
            if (!UNITS.containsKey(c)) {
                throw new IllegalArgumentException(
                        "unknown column '" + c + "'; columns are " + String.join(", ", known()));
            }
            if (!c.equals(EVENTS_ACCEPTED) && !c.equals(ROWS_LANDED)) {
                out.add(c);
            }
        }
        out.add(EVENTS_ACCEPTED);
        out.add(ROWS_LANDED);
        return List.copyOf(out);
    }

    static List<String> known() {
        List<String> all = new ArrayList<>(STANDARD);
        all.addAll(List.of(OFFERED, CLIENT_P99, SLO, EVENTS_ACCEPTED, ROWS_LANDED));
        return all;
    }

    static Cell number(String column, double value) {
        return Cell.number(column, UNITS.get(column), value);
    }
}
