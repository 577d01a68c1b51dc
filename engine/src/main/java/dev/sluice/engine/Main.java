package dev.sluice.engine;

import dev.sluice.api.EngineException;
import dev.sluice.engine.cli.EngineOptions;
import dev.sluice.api.cli.UsageException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * {@code sluice engine}: the headless engine. Prints where the stores and the API are, serves until
 * Ctrl-C or SIGTERM, then drains and exits 0. Bad flags or an unusable store: one line, exit 2.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        EngineOptions options;
        try {
            options = EngineOptions.parse(args, System.getenv());
        } catch (UsageException e) {
            err.println("sluice engine: " + e.getMessage());
            return 2;
        }
        if (options.help()) {
            out.println("Usage: sluice engine [options]\n\nRuns the ingestion engine headless until Ctrl-C or SIGTERM, then drains.\n");
            out.print(EngineOptions.optionsHelp());
            return 0;
        }
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (EngineException e) {
            err.println("sluice engine: " + e.getMessage());
            return 2;
        }
        var stores = stack.stores();
        out.printf("postgres  %s  (%s)%n", stores.postgres().displayUrl(), stores.postgres().kind());
        out.printf("redis     %s  (%s)%n", stores.redis().displayUrl(), stores.redis().kind());
        out.printf("api       %s  (POST /write, GET /messages, GET /health, GET /ready, GET /metrics)%n", stack.engine().apiUri());
        out.printf("control   %s/control  (snapshot, history, stream, knobs)%s%n", stack.engine().apiUri(),
                options.config().control().token() == null ? "" : "  token required");
        if (options.tokenGenerated()) {
            out.printf("token     %s  (generated for this run; pass --control-token to fix one)%n", options.config().control().token());
        }
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
