package dev.sluice.engine;

import dev.sluice.api.EngineException;
import dev.sluice.engine.cli.EngineFlags;
import dev.sluice.engine.cli.EngineOptions;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code sluice engine} as a picocli command: prints where the stores and the API are, serves until
 * Ctrl-C or SIGTERM, then drains and returns 0. An unusable store is one line and 2. Runs on the
 * main thread and blocks until stopped.
 */
@Command(name = "engine", description = "run the ingestion engine headless (HTTP API on 127.0.0.1:8080)")
final class EngineCommand implements Callable<Integer> {
    @Mixin
    EngineFlags flags = new EngineFlags();

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "this text")
    boolean help;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    EngineCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    static String usage() {
        return "Usage: sluice engine [options]\n\nRuns the ingestion engine headless until Ctrl-C or SIGTERM, then drains.\n\n"
                + "  -h, --help             this text\n" + EngineOptions.optionsHelp();
    }

    @Override
    public Integer call() {
        EngineOptions options = EngineOptions.from(flags, env);
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (EngineException e) {
            err.println("sluice engine: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            // a failure nobody turned into a sentence yet: still one line, its cause's first line;
            // the trace is in the log at DEBUG (-Dlogback: dev.sluice at DEBUG) for a bug report
            LoggerFactory.getLogger(EngineCommand.class).debug("engine - start failed", e);
            err.println("sluice engine: could not start: " + DefaultEngine.rootMessage(e));
            return 2;
        }
        var stores = stack.stores();
        out.printf(
                "postgres  %s  (%s)%n",
                stores.postgres().displayUrl(), stores.postgres().kind());
        out.printf(
                "redis     %s  (%s)%n",
                stores.redis().displayUrl(), stores.redis().kind());
        out.printf(
                "api       %s  (POST /write, GET /messages, POST /message, GET /queue/{channel}, /items, GET /metrics)%n",
                stack.engine().apiUri());
        out.printf(
                "control   %s/control  (snapshot, history, stream, knobs)%s%n",
                stack.engine().apiUri(), options.config().control().token() == null ? "" : "  token required");
        if (options.tokenGenerated()) {
            out.printf(
                    "token     %s  (generated for this run; pass --control-token to fix one)%n",
                    options.config().control().token());
        }
        out.printf("node      %s  (from %s)%n", stack.nodeId(), stack.nodeIdFrom());
        out.println("engine running; Ctrl-C or SIGTERM drains and stops it");
        out.flush();

        CountDownLatch stopSignal = new CountDownLatch(1);
        Signal.handle(new Signal("INT"), s -> stopSignal.countDown());
        Signal.handle(new Signal("TERM"), s -> stopSignal.countDown());
        // a plain System.exit elsewhere, or a signal we did not claim, still drains
        Thread hook = new Thread(() -> stack.close(options.drain()), "shutdown-drain");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopSignal.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println("draining: no new events accepted; flushing what was accepted");
        out.flush();
        stack.close(options.drain());
        out.println("stopped");
        return 0;
    }
}
