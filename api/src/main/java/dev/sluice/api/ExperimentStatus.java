package dev.sluice.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An experiment as the engine runs it, carried in every {@link MetricsSnapshot} (its
 * {@code experiment} part), so every console attached to the engine shows the same banner and table.
 * After the experiment ends its last status stays (FINISHED, STOPPED or FAILED, with its rows) until
 * another starts. {@link #NONE} while none ran. Immutable.
 *
 * <p>{@code marks} are the hand-made knob changes (through {@link EngineControl#update}, not the
 * runner's own) that happened during the tick of this snapshot, with or without an experiment: a
 * console draws a thin labelled line at each. They appear in that one snapshot only.
 *
 * @param name      the experiment's name, "" for none
 * @param title     its title, "" for none
 * @param state     IDLE (none ran), RUNNING, FINISHED, STOPPED (asked to stop: the rows so far stay) or FAILED
 * @param pace      how long its steps last; null for none
 * @param stepIndex the current (or last) step, from 0; -1 before the first
 * @param stepCount the steps known so far (a rate search adds its probes as it goes)
 * @param stepLabel the current step's label, "" for none
 * @param stepTitle the current step's banner text, "" for none
 * @param phase     what the current step is doing
 * @param phaseEndsAt when the current warm-up or measurement ends; null in recovery or when idle
 * @param startedAt when the experiment started; null for none
 * @param endedAt   when it ended; null while it runs
 * @param steps     every step started so far, in order, with its times: where consoles mark the charts
 * @param rows      the results table: one row per finished step, in order
 * @param summary   one line: the verdict of a rate search, why it failed or stopped; "" for none
 * @param marks     hand-made knob changes during this snapshot's tick, oldest first
 */
public record ExperimentStatus(
        String name,
        String title,
        State state,
        ExperimentPace pace,
        int stepIndex,
        int stepCount,
        String stepLabel,
        String stepTitle,
        Phase phase,
        Instant phaseEndsAt,
        Instant startedAt,
        Instant endedAt,
        List<StepMark> steps,
        List<ResultRow> rows,
        String summary,
        List<Mark> marks) {

    public static final ExperimentStatus NONE = new ExperimentStatus(
            "", "", State.IDLE, null, -1, 0, "", "", Phase.NONE, null, null, null, List.of(), List.of(), "", List.of());

    public ExperimentStatus {
        name = name == null ? "" : name;
        title = title == null ? "" : title;
        state = state == null ? State.IDLE : state;
        stepLabel = stepLabel == null ? "" : stepLabel;
        stepTitle = stepTitle == null ? "" : stepTitle;
        phase = phase == null ? Phase.NONE : phase;
        steps = steps == null ? List.of() : List.copyOf(steps);
        rows = rows == null ? List.of() : List.copyOf(rows);
        summary = summary == null ? "" : summary;
        marks = marks == null ? List.of() : List.copyOf(marks);
    }

    /** The same status with this tick's hand-made marks. */
    public ExperimentStatus withMarks(List<Mark> tickMarks) {
        return new ExperimentStatus(
                name,
                title,
                state,
                pace,
                stepIndex,
                stepCount,
                stepLabel,
                stepTitle,
                phase,
                phaseEndsAt,
                startedAt,
                endedAt,
                steps,
                rows,
                summary,
                tickMarks);
    }

    /** True while the experiment runs. */
    public boolean running() {
        return state == State.RUNNING;
    }

    /** The columns of the table, from its first row (every row has the same ones); empty before a row. */
    public List<String> columns() {
        return rows.isEmpty()
                ? List.of()
                : rows.get(0).cells().stream().map(Cell::column).toList();
    }

    /** Where an experiment is in its life. */
    public enum State {
        IDLE,
        RUNNING,
        FINISHED,
        STOPPED,
        FAILED;

        /** True once it can no longer change. */
        public boolean ended() {
            return this == FINISHED || this == STOPPED || this == FAILED;
        }
    }

    /** What the current step does. */
    public enum Phase {
        /** No step runs. */
        NONE,
        /** Knobs set, load running, not measured yet. */
        WARM_UP,
        /** Load running, measured. */
        MEASURE,
        /** Load stopped; waiting for the backlog to drain. */
        RECOVER;

        /** {@code none}, {@code warm-up}, {@code measure}, {@code recover}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One step started, with its times.
     *
     * @param index       from 0
     * @param label       the step's label (its row in the table)
     * @param title       the step's banner text
     * @param warmUp      its planned warm-up
     * @param measure     its planned measured time
     * @param startedAt   knobs set and load started
     * @param measureFrom when its measurement started; null while it warms up
     * @param endedAt     when it ended (drained, or stopped); null while it runs
     */
    public record StepMark(
            int index,
            String label,
            String title,
            Duration warmUp,
            Duration measure,
            Instant startedAt,
            Instant measureFrom,
            Instant endedAt) {}

    /**
     * One finished step's figures.
     *
     * @param step  the step's label
     * @param cells the figures, in the table's column order
     */
    public record ResultRow(String step, List<Cell> cells) {
        public ResultRow {
            cells = cells == null ? List.of() : List.copyOf(cells);
        }

        /** The cell of {@code column}, if this row has it. */
        public Optional<Cell> cell(String column) {
            return cells.stream().filter(c -> c.column().equals(column)).findFirst();
        }

        /** The value of {@code column}, NaN when the row has none. */
        public double value(String column) {
            return cell(column).map(Cell::value).orElse(Double.NaN);
        }
    }

    /**
     * One figure of a row.
     *
     * @param column the column's name, e.g. {@code "p99"}
     * @param unit   its unit as printed in the header, e.g. {@code "ms"}, {@code "req/s"}, {@code "%"}; "" for none
     * @param value  the number, in that unit; NaN when it does not apply (printed {@code n/a})
     * @param text   what to print instead of the number (e.g. {@code "pass"}, {@code "429×120"}); "" to print the number
     */
    public record Cell(String column, String unit, double value, String text) {
        public Cell {
            unit = unit == null ? "" : unit;
            text = text == null ? "" : text;
        }

        public static Cell number(String column, String unit, double value) {
            return new Cell(column, unit, value, "");
        }

        public static Cell text(String column, String text) {
            return new Cell(column, "", Double.NaN, text);
        }

        /**
         * As every table shows it (the CLI's, the report's, both consoles'): its text when it has
         * one, {@code n/a} for NaN, else its number in a precision that suits the unit.
         */
        public String formatted() {
            if (!text.isEmpty()) {
                return text;
            }
            if (Double.isNaN(value)) {
                return "n/a";
            }
            return switch (unit) {
                case "%" -> String.format(Locale.ROOT, "%.2f%%", value);
                case "ms", "s", "µs" ->
                    Math.abs(value) >= 100
                            ? String.format(Locale.ROOT, "%,.0f", value)
                            : String.format(Locale.ROOT, "%.1f", value);
                default -> String.format(Locale.ROOT, "%,.0f", value);
            };
        }
    }

    /**
     * A hand-made change worth a line on the charts.
     *
     * @param at    when it was made
     * @param label what changed, e.g. {@code "workers 10→4"}, {@code "mode stream-copy→direct-insert"}
     */
    public record Mark(Instant at, String label) {}
}
