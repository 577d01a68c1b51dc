package dev.sluice.tui;

import dev.sluice.api.ExperimentStatus;
import dev.sluice.tui.KeyMap.Command;
import java.util.Locale;

/**
 * The classroom banner, two rows under the header while an experiment runs and after it ended
 * (until {@code b} hides it or another starts): a full-width bar in reverse video with the step
 * counter, the current step's title in capitals and the phase with its countdown; under it the
 * experiment, its pace and how far the table is, or, once it ended, its verdict.
 *
 * <pre>
 *  STEP 2/4  STAGE 1: INSERT PER REQUEST (STRESS: BATCHES OF 200)           MEASURE 0:12
 *  stages · quick pace · 1 row in the table                                 x stop  b hide
 * </pre>
 */
final class ExperimentBanner {
    static final int ROWS = 2;

    private final KeyMap keys;

    ExperimentBanner(KeyMap keys) {
        this.keys = keys;
    }

    void draw(Canvas c, ExperimentStatus e, long nowMillis) {
        String table = e.rows().size() + (e.rows().size() == 1 ? " row" : " rows") + " in the table";
        String about = e.name() + (e.pace() == null ? "" : " · " + ExperimentText.pace(e)) + " · " + table;
        String hints;
        String detail;
        if (e.running()) {
            String title = e.stepIndex() < 0 ? e.title() : e.stepTitle();
            c.bar(
                    0,
                    " " + ExperimentText.step(e).toUpperCase(Locale.ROOT) + "  " + title.toUpperCase(Locale.ROOT),
                    ExperimentText.phase(e, nowMillis).toUpperCase(Locale.ROOT) + " ",
                    ExperimentText.role(e));
            detail = about;
            hints = keys.labelOf(Command.STOP_EXPERIMENT) + " stop";
        } else {
            c.bar(
                    0,
                    " " + ExperimentText.state(e) + "  " + e.title().toUpperCase(Locale.ROOT),
                    e.rows().size() + "/" + e.stepCount() + " STEPS ",
                    ExperimentText.role(e));
            detail = e.summary().isEmpty() ? about : e.summary();
            hints = keys.labelOf(Command.EXPERIMENT) + " start";
        }
        hints += "  " + keys.labelOf(Command.BANNER) + " hide ";
        int end = c.text(1, 1, Fmt.fit(detail, Math.max(0, c.width() - hints.length() - 3)), Theme.Role.TEXT);
        if (end + 2 + hints.length() <= c.width()) {
            c.right(1, hints, Theme.Role.KEY);
        }
    }
}
