package dev.sluice.gui;

import dev.sluice.api.MetricsSnapshot;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The toolbar's "Save charts PNG", "Save CSV" and "Report": a copy of the kept snapshots is taken
 * on the UI thread, the files are drawn and written on the actions thread, and the outcome goes
 * to the event log.
 *
 * <p>Concurrency: called on the UI thread; writes run through {@link Actions}.
 */
final class Exports {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final ChartsModel charts;
    private final Actions actions;
    private final EventLog log;
    private final Session session;

    Exports(ChartsModel charts, Actions actions, EventLog log, Session session) {
        this.charts = charts;
        this.actions = actions;
        this.log = log;
        this.session = session;
    }

    /** Asks where, then writes every chart in one PNG. */
    void saveChartsPng(Window owner) {
        Path file = choose(owner, "Save charts as PNG", "sluice-charts-" + stamp() + ".png", "PNG image", "*.png");
        if (file != null) {
            List<MetricsSnapshot> ticks = charts.history();
            actions.run(
                    "save charts",
                    () -> Files.write(file, ChartImages.grid(ticks)),
                    p -> log.info("charts saved to " + p),
                    r -> log.error("charts not saved: " + r));
        }
    }

    /** Asks where, then writes the kept time series as CSV. */
    void saveCsv(Window owner) {
        Path file = choose(owner, "Save time series as CSV", "sluice-ticks-" + stamp() + ".csv", "CSV", "*.csv");
        if (file != null) {
            List<MetricsSnapshot> ticks = charts.history();
            actions.run(
                    "save csv",
                    () -> Files.writeString(file, TimeSeriesCsv.render(ticks), StandardCharsets.UTF_8),
                    p -> log.info("time series saved to " + p),
                    r -> log.error("time series not saved: " + r));
        }
    }

    /**
     * One click: CSV, PNGs, summary and HTML into a new directory under the session's reports dir,
     * with the load generator's report of the last finished load (fetched from the engine, which may
     * be remote: on the actions thread, like the writing).
     */
    void report() {
        Path dir = session.reports().resolve("console-" + stamp());
        List<MetricsSnapshot> ticks = charts.history();
        log.info("writing report to " + dir + " ...");
        actions.run(
                "report",
                () -> ConsoleReport.write(
                        ticks, dir, session.target(), session.control().lastLoadReport()),
                w -> log.info("report written: " + w.dir().resolve(ConsoleReport.HTML)),
                r -> log.error("report not written: " + r));
    }

    private static Path choose(Window owner, String title, String name, String kind, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File f = chooser.showSaveDialog(owner);
        return f == null ? null : f.toPath();
    }

    private static String stamp() {
        return LocalDateTime.now().format(STAMP);
    }
}
