package dev.sluice.engine;

import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.ResultRow;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/** {@code sluice experiment}'s progress: one line when a step's phase changes, one when its row is in. */
final class ProgressLines {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintStream out;
    private String lastPhase = "";
    private int rows;

    ProgressLines(PrintStream out) {
        this.out = out;
    }

    /** Called on every snapshot of the run (the subscriber's thread). */
    synchronized void show(ExperimentStatus e) {
        while (rows < e.rows().size()) {
            ResultRow r = e.rows().get(rows++);
            line("  done " + r.step() + ": "
                    + r.cells().stream()
                            .map(c -> c.column() + " " + c.formatted()
                                    + (c.text().isEmpty()
                                                    && !c.unit().isEmpty()
                                                    && !c.unit().equals("%")
                                            ? " " + c.unit()
                                            : ""))
                            .collect(Collectors.joining(", ")));
        }
        String phase = e.stepIndex() + "/" + e.phase() + "/" + e.state();
        if (!phase.equals(lastPhase)) {
            lastPhase = phase;
            if (e.state().ended()) {
                line(e.state().name().toLowerCase() + (e.summary().isEmpty() ? "" : ": " + e.summary()));
            } else if (e.phase() != ExperimentStatus.Phase.NONE) {
                line(String.format(
                        "step %d/%d  %s: %s",
                        e.stepIndex() + 1,
                        e.stepCount(),
                        e.stepLabel(),
                        e.phase().label()));
            }
        }
    }

    synchronized void note(String text) {
        line(text);
    }

    private void line(String text) {
        out.println(LocalTime.now(ZoneId.systemDefault()).format(TIME) + "  " + text);
        out.flush();
    }
}
