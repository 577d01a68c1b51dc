package dev.sluice.engine;

import dev.sluice.api.Durations;
import dev.sluice.api.EngineControl;
import dev.sluice.api.EngineException;
import dev.sluice.api.ExperimentDefinition;
import dev.sluice.api.ExperimentPace;
import dev.sluice.api.ExperimentRequest;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStep;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.Slo;
import dev.sluice.api.cli.UsageException;
import dev.sluice.api.control.ControlJson;
import dev.sluice.api.control.RemoteEngineControl;
import dev.sluice.engine.cli.EngineFlags;
import dev.sluice.engine.cli.EngineOptions;
import dev.sluice.engine.experiment.BuiltInExperiments;
import dev.sluice.engine.experiment.ExperimentFiles;
import dev.sluice.engine.experiment.ExperimentReport;
import dev.sluice.engine.experiment.ResultTable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sun.misc.Signal;

/**
 * {@code sluice experiment NAME}: runs an experiment on a fresh embedded stack (as {@code sluice
 * engine} starts one) or on a running engine ({@code --attach}), prints a line per phase and the
 * results table at the end, and with {@code --report} writes CSV, JSON, charts and one HTML page.
 * Ctrl-C stops the experiment; the finished steps' table is still printed and written.
 */
@Command(name = "experiment", description = "run an experiment (steps of knobs + load) and print its results table")
final class ExperimentCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    EngineFlags flags = new EngineFlags();

    @Parameters(
            arity = "0..1",
            paramLabel = "NAME",
            completionCandidates = BuiltInNames.class,
            description = "stages, insert-vs-copy, workers or max-rate")
    String name;

    @Option(
            names = "--describe",
            paramLabel = "NAME",
            completionCandidates = BuiltInNames.class,
            description = "show an experiment's steps")
    String describe;

    @Option(names = "--list", description = "list the built-in experiments")
    boolean list;

    @Option(
            names = "--file",
            paramLabel = "FILE",
            description = "run a user-defined experiment from a JSON or YAML file")
    Path file;

    @Option(names = "--quick", description = "fit the experiment in about 3 minutes (figures less steady)")
    boolean quick;

    @Option(
            names = "--pace",
            paramLabel = "PACE",
            hidden = true,
            description = "full, quick or test (seconds per step, for tests)")
    String pace;

    @Option(
            names = "--attach",
            paramLabel = "URL",
            description = "run on the engine at URL instead of a fresh embedded stack")
    URI attach;

    @Option(
            names = "--token",
            paramLabel = "T",
            description = "the attached engine's control token [SLUICE_CONTROL_TOKEN]")
    String token;

    @Option(
            names = "--report",
            paramLabel = "DIR",
            description = "write results.csv, results.json, charts and report.html there")
    Path report;

    @Option(
            names = "--slo",
            paramLabel = "SPEC",
            description = "max-rate's objective, e.g. p99=50ms,errors=0.1% [default p99=50ms,errors=0.1%]")
    String slo;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "this text")
    boolean help;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    ExperimentCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    static String usage() {
        return "Usage: sluice experiment NAME [--quick] [--attach URL] [--report DIR] [--slo p99=50ms] [engine options]\n"
                + "       sluice experiment --list | --describe NAME | --file FILE [...]\n\n"
                + "Runs an experiment's steps (knobs + load + warm-up + measured time + recovery) and prints\n"
                + "the results table. Built-in: stages, insert-vs-copy, workers, max-rate.\n\n"
                + "  --list                 list the built-in experiments\n"
                + "  --describe NAME        show an experiment's steps and times\n"
                + "  --file FILE            a user-defined experiment (JSON, or YAML for .yaml/.yml)\n"
                + "  --quick                fit a whole experiment in about 3 minutes\n"
                + "  --attach URL           run on a running engine instead of a fresh embedded stack\n"
                + "  --token T              that engine's control token [SLUICE_CONTROL_TOKEN]\n"
                + "  --report DIR           write results.csv, results.json, PNG charts and report.html\n"
                + "  --slo SPEC             max-rate's objective [default p99=50ms,errors=0.1%]\n"
                + "  -h, --help             this text\n\n"
                + "Without --attach, every `sluice engine` option applies to the embedded stack (e.g. --port 0).\n";
    }

    @Override
    public Integer call() {
        ExperimentPace chosen = pace != null ? pace(pace) : quick ? ExperimentPace.QUICK : ExperimentPace.FULL;
        if (list) {
            BuiltInExperiments.all(ExperimentPace.FULL).forEach(d -> out.printf("%-16s %s%n", d.name(), d.title()));
            return 0;
        }
        if (describe != null) {
            out.print(describe(builtIn(describe, ExperimentPace.FULL), builtIn(describe, ExperimentPace.QUICK)));
            return 0;
        }
        ExperimentDefinition definition = definition(chosen);
        Slo objective = slo == null ? Slo.DEFAULT : parseSlo(slo);
        ExperimentRequest request =
                new ExperimentRequest(definition.name(), file == null ? null : definition, chosen, objective);
        return attach != null ? runAttached(request, definition) : runEmbedded(request, definition);
    }

    private ExperimentDefinition definition(ExperimentPace chosen) {
        if (file != null) {
            try {
                return ExperimentFiles.read(file);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (name == null) {
            throw new UsageException("give an experiment's NAME (see --list), --file FILE, --list or --describe NAME");
        }
        return builtIn(name, chosen);
    }

    private static ExperimentDefinition builtIn(String n, ExperimentPace p) {
        try {
            return BuiltInExperiments.named(n, p);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static ExperimentPace pace(String p) {
        try {
            return ExperimentPace.fromLabel(p);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--pace: " + e.getMessage());
        }
    }

    /** {@code p99=50ms}, {@code errors=0.1%}, or both with a comma. */
    static Slo parseSlo(String spec) {
        long p99 = Slo.DEFAULT.p99Micros();
        double errors = Slo.DEFAULT.maxErrorRate();
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=", 2);
            String key = kv[0].trim().toLowerCase(Locale.ROOT);
            if (kv.length != 2 || !(key.equals("p99") || key.equals("errors"))) {
                throw new UsageException(
                        "--slo: expected p99=DURATION and/or errors=PERCENT%, e.g. p99=50ms,errors=0.1%, was '" + spec
                                + "'");
            }
            try {
                if (key.equals("p99")) {
                    p99 = Durations.parse("--slo p99", kv[1].trim()).toNanos() / 1000;
                } else {
                    errors = Double.parseDouble(kv[1].trim().replace("%", "")) / 100;
                }
            } catch (NumberFormatException e) {
                throw new UsageException("--slo: errors must be a percentage such as 0.1%, was '" + kv[1].trim() + "'");
            } catch (IllegalArgumentException e) {
                throw new UsageException("--slo: " + e.getMessage());
            }
        }
        try {
            return new Slo(p99, errors);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--slo: " + e.getMessage());
        }
    }

    static String describe(ExperimentDefinition full, ExperimentDefinition quick) {
        StringBuilder sb = new StringBuilder();
        sb.append(full.name())
                .append(": ")
                .append(full.title())
                .append("\n\n")
                .append(full.description())
                .append("\n\n");
        if (full.search() != null) {
            sb.append(String.format(
                    Locale.ROOT,
                    "rate search: from %,.0f req/s, ×%s while the SLO holds (up to %,.0f), then bisect to %s%%%n",
                    full.search().startRate(),
                    full.search().factor(),
                    full.search().maxRate(),
                    full.search().precision() * 100));
        }
        sb.append("steps (warm-up + measured; --quick in brackets):\n");
        for (int i = 0; i < full.steps().size(); i++) {
            ExperimentStep s = full.steps().get(i);
            ExperimentStep q = quick.steps().get(i);
            sb.append(String.format(
                    Locale.ROOT,
                    "  %d. %-28s %s + %s  [%s + %s]  knobs %s  load %s%n",
                    i + 1,
                    s.label(),
                    Durations.format(s.warmUp()),
                    Durations.format(s.measure()),
                    Durations.format(q.warmUp()),
                    Durations.format(q.measure()),
                    ControlJson.write(s.knobs()),
                    load(s)));
        }
        return sb.toString();
    }

    private static String load(ExperimentStep s) {
        return s.load().profile()
                + ("open".equals(s.load().model())
                        ? String.format(
                                Locale.ROOT, " at %,.0f req/s (open)", s.load().rate())
                        : " with " + s.load().users() + " users (closed)");
    }

    private int runAttached(ExperimentRequest request, ExperimentDefinition definition) {
        String t = token != null ? token : env.get("SLUICE_CONTROL_TOKEN");
        try (RemoteEngineControl remote = RemoteEngineControl.attach(attach, t)) {
            return run(remote, request, definition);
        } catch (EngineException e) {
            err.println("sluice experiment: " + e.getMessage());
            return 2;
        }
    }

    private int runEmbedded(ExperimentRequest request, ExperimentDefinition definition) {
        EngineOptions options = EngineOptions.from(flags, env);
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (EngineException e) {
            err.println("sluice experiment: " + e.getMessage());
            return 2;
        }
        try {
            out.printf(
                    "engine    %s  (embedded stack; data in its data directory)%n",
                    stack.engine().apiUri());
            return run(stack.engine(), request, definition);
        } finally {
            stack.close(options.drain());
        }
    }

    private int run(EngineControl engine, ExperimentRequest request, ExperimentDefinition definition) {
        List<MetricsSnapshot> history = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<ExperimentStatus> last = new AtomicReference<>();
        // this run's start time, from its first RUNNING status: an earlier run's last status is not this one's
        AtomicReference<java.time.Instant> ours = new AtomicReference<>();
        ProgressLines progress = new ProgressLines(out);
        AutoCloseable sub = engine.subscribe(s -> {
            ExperimentStatus e = s.experiment();
            history.add(s);
            if (e.running() && e.name().equals(definition.name()) && ours.get() == null) {
                ours.set(e.startedAt());
            }
            if (ours.get() != null && ours.get().equals(e.startedAt())) {
                last.set(e);
                progress.show(e);
                if (e.state().ended()) {
                    ended.countDown();
                }
            }
        });
        try {
            engine.startExperiment(request);
        } catch (IllegalArgumentException | IllegalStateException e) {
            close(sub);
            throw new UsageException(e.getMessage());
        }
        out.printf(
                "experiment %s started (%s pace); Ctrl-C stops it and keeps the finished steps%n",
                definition.name(), request.pace().label());
        Signal.handle(new Signal("INT"), s -> engine.stopExperiment());
        Signal.handle(new Signal("TERM"), s -> engine.stopExperiment());
        try {
            while (!ended.await(1, TimeUnit.SECONDS)) {
                if (!engine.connected()) {
                    progress.note("engine unreachable; waiting for it");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            engine.stopExperiment();
        }
        close(sub);
        ExperimentStatus done = last.get();
        out.println();
        out.print(ResultTable.render(done));
        if (report != null) {
            try {
                Path html = ExperimentReport.write(report, done, definition.description(), history);
                out.println("report    " + html.toAbsolutePath());
            } catch (IOException e) {
                err.println("sluice experiment: could not write the report to " + report + ": " + e.getMessage());
                return 1;
            }
        }
        return done.state() == ExperimentStatus.State.FAILED ? 1 : 0;
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // a subscription's close does not fail in a way that matters here
        }
    }

    /** The built-in experiments' names, which shell completion offers for NAME and --describe. */
    static final class BuiltInNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return BuiltInExperiments.all(ExperimentPace.FULL).stream()
                    .map(ExperimentDefinition::name)
                    .iterator();
        }
    }
}
