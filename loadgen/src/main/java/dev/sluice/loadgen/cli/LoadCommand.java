package dev.sluice.loadgen.cli;

import dev.sluice.loadgen.LoadGenerators;
import dev.sluice.loadgen.Profiles;
import dev.sluice.loadgen.api.LoadGenerator;
import dev.sluice.loadgen.api.LoadGeneratorException;
import dev.sluice.loadgen.api.LoadReport;
import dev.sluice.loadgen.api.TargetProbe;
import dev.sluice.loadgen.report.Format;
import dev.sluice.loadgen.report.ReportWriter;
import dev.sluice.loadgen.report.SummaryTable;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sun.misc.Signal;

/**
 * {@code sluice loadgen} as a picocli command: runs one plan, prints a live line per second and a
 * summary, writes the report files on request. Returns 0 when the run completed (errors are
 * reported, not fatal), 2 for an unreachable target, 1 when the run itself broke down. Blocks the
 * calling thread for the run.
 */
@Command(name = "loadgen", description = "offer HTTP load to an engine (or any URL) and report RPS, latency, errors")
final class LoadCommand implements Callable<Integer> {
    @Mixin
    LoadFlags flags = new LoadFlags();

    private final Profiles profiles;
    private final Function<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean handleSignals;

    LoadCommand(
            Profiles profiles, Function<String, String> env, PrintStream out, PrintStream err, boolean handleSignals) {
        this.profiles = profiles;
        this.env = env;
        this.out = out;
        this.err = err;
        this.handleSignals = handleSignals;
    }

    static String usage(Profiles profiles) {
        return "Usage: sluice loadgen --url http://host:port [--profile NAME] [--users N | --rate R]"
                + " [--duration 30s] [--stages PLAN] [--report DIR] [--seed S] ...\n\n"
                + "Offers HTTP load (POST /write, GET /messages) to a Sluice engine or any compatible endpoint and\n"
                + "measures it: latency from the intended send time (coordinated omission corrected), errors by kind.\n\n"
                + LoadOptions.optionsHelp(profiles);
    }

    @Override
    public Integer call() {
        LoadOptions options = LoadOptions.from(flags, profiles, env);
        // Against a Sluice engine, its stream backlog gives the report max consumer lag and recovery time.
        Optional<TargetProbe> probe =
                SluiceBacklogProbe.detect(options.plan().target(), env.apply("SLUICE_CONTROL_TOKEN"));
        LoadGenerator generator = LoadGenerators.create(profiles, probe, LoadGenerators.DEFAULT_MAX_RECOVERY_WAIT);
        try {
            if (!options.quiet()) {
                generator.subscribe(new LiveLine(out));
            }
            generator.start(options.plan());
            // the first tick is a second away, so this line always comes before the live lines
            out.println("loadgen: " + Format.planLine(options.plan()) + " -> "
                    + options.plan().target());
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
                ReportWriter.Written w =
                        ReportWriter.write(report, options.reportDir().get());
                out.println("  report            " + w.html() + "  (+ " + ReportWriter.CSV + ", " + ReportWriter.JSON
                        + ", " + w.charts().size() + " charts)");
            } catch (IOException | RuntimeException e) {
                err.println("sluice loadgen: could not write the report to "
                        + options.reportDir().get() + ": " + e);
                return 1;
            }
        }
        out.flush();
        return 0;
    }
}
