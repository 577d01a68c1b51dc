package dev.sluice.loadgen.cli;

import dev.sluice.loadgen.LoadGenerators;
import dev.sluice.loadgen.Profiles;
import dev.sluice.loadgen.api.LoadGenerator;
import dev.sluice.loadgen.api.TargetProbe;
import dev.sluice.loadgen.api.LoadGeneratorException;
import dev.sluice.loadgen.api.LoadReport;
import dev.sluice.loadgen.report.Format;
import dev.sluice.loadgen.report.ReportWriter;
import dev.sluice.loadgen.report.SummaryTable;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import sun.misc.Signal;

/**
 * {@code sluice loadgen}: runs one plan against a URL, prints a live line per second and a summary,
 * and writes the report files on request. Exit 0 when the run completed (errors are reported, not
 * fatal), 2 on bad arguments or an unreachable target (one line, no stack trace), 1 when the run
 * itself broke down.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // before any logger exists: charts need no display, logs go to stderr and never to the live lines
        System.setProperty("java.awt.headless", "true");
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "loadgen-logback.xml");
        }
        for (String a : args) {
            if (a.equals("--verbose")) {
                System.setProperty("loadgen.log.level", "INFO");
            }
        }
        System.exit(run(args, System.out, System.err, true));
    }

    /** The whole command; {@code handleSignals} makes Ctrl-C stop the run early and still report. */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean handleSignals) {
        Profiles profiles = Profiles.builtin();
        LoadOptions options;
        try {
            options = LoadOptions.parse(args, profiles);
        } catch (UsageException e) {
            err.println("sluice loadgen: " + e.getMessage());
            return 2;
        }
        if (options.help()) {
            out.println("Usage: sluice loadgen --url http://host:port [--profile NAME] [--users N | --rate R]"
                    + " [--duration 30s] [--stages PLAN] [--report DIR] [--seed S] ...\n\n"
                    + "Offers HTTP load (POST /write, GET /messages) to a Sluice engine or any compatible endpoint and\n"
                    + "measures it: latency from the intended send time (coordinated omission corrected), errors by kind.\n");
            out.print(LoadOptions.optionsHelp(profiles));
            return 0;
        }
        // Against a Sluice engine, its stream backlog gives the report max consumer lag and recovery time.
        Optional<TargetProbe> probe = SluiceBacklogProbe.detect(options.plan().target(), System.getenv("SLUICE_CONTROL_TOKEN"));
        LoadGenerator generator = LoadGenerators.create(profiles, probe, LoadGenerators.DEFAULT_MAX_RECOVERY_WAIT);
        try {
            if (!options.quiet()) {
                generator.subscribe(new LiveLine(out));
            }
            generator.start(options.plan());
            // the first tick is a second away, so this line always comes before the live lines
            out.println("loadgen: " + Format.planLine(options.plan()) + " -> " + options.plan().target());
        } catch (LoadGeneratorException e) {
            err.println("sluice loadgen: " + e.getMessage());
            return 2;
        }
        if (handleSignals) {
            Signal.handle(new Signal("INT"), s -> new Thread(generator::stop, "loadgen-interrupt").start());
        }
        LoadReport report;
        try {
            report = generator.result();
        } catch (LoadGeneratorException e) {
            err.println("sluice loadgen: " + e.getMessage());
            return 1;
        } finally {
            generator.close();
        }
        out.print(SummaryTable.render(report));
        if (options.reportDir().isPresent()) {
            try {
                ReportWriter.Written w = ReportWriter.write(report, options.reportDir().get());
                out.println("  report            " + w.html() + "  (+ " + ReportWriter.CSV + ", " + ReportWriter.JSON
                        + ", " + w.charts().size() + " charts)");
            } catch (IOException | RuntimeException e) {
                err.println("sluice loadgen: could not write the report to " + options.reportDir().get() + ": " + e);
                return 1;
            }
        }
        out.flush();
        return 0;
    }

    static String plain(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
    }
}
