package dev.sluice.tui;

import dev.sluice.engine.LocalStack;
import dev.sluice.api.EngineControl;
import dev.sluice.api.EngineException;
import dev.sluice.api.control.RemoteEngineControl;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the console on the real terminal: start the embedded stack (or attach), take over
 * the terminal, run the loop, then give the terminal back and drain what this process started.
 * A shutdown hook (SIGTERM, SIGHUP, {@code kill -INT}) ends the loop the same way and waits for
 * the drain; a crash restores the terminal before the reason is printed.
 *
 * <p>Concurrency: runs on the main thread, which becomes the UI thread ({@code tui-ui}). The hook
 * thread only asks the loop to stop and waits on {@code done}, counted down once the drain is
 * over; {@code loop} and {@code terminal} are volatile so the hook sees them.
 */
final class ConsoleSession {
    private static final Logger log = LoggerFactory.getLogger(ConsoleSession.class);
    private static final Duration REFRESH = Duration.ofSeconds(1);
    /** Longest the shutdown hook waits: the engine's drain (30 s) plus stopping the stores. */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(45);

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile ConsoleLoop loop;
    private volatile TerminalHandle terminal;

    private ConsoleSession() {
    }

    static int run(TuiOptions o, PrintStream out, PrintStream err) {
        LocalStack stack = null;
        EngineControl control;
        String target;
        if (o.attach() != null) {
            control = RemoteEngineControl.attach(o.attach(), o.token());
            target = o.attach().toString();
        } else {
            out.println(o.engine().embedded()
                    ? "sluice tui: starting embedded PostgreSQL, Redis and the engine in " + o.dataDir() + " ..."
                    : "sluice tui: starting the engine on external stores ...");
            out.flush();
            try {
                stack = LocalStack.start(o.engine());
            } catch (EngineException e) {
                err.println("sluice tui: " + e.getMessage());
                return 2;
            } catch (RuntimeException e) {
                log.error("tui - the engine did not start", e);
                err.println("sluice tui: the engine did not start: " + e.getMessage() + " (details in " + o.logFile() + ")");
                return 2;
            }
            control = stack.engine();
            target = (o.engine().embedded() ? "embedded" : "local engine") + " · api " + stack.engine().apiUri();
        }
        log.info("tui - console on {} (log {})", target, o.logFile());
        ConsoleSession session = new ConsoleSession();
        Thread hook = new Thread(session::onShutdown, "tui-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            int code = session.runScreen(o, control, target, stack);
            if (control instanceof RemoteEngineControl remote) {
                remote.close();
            }
            if (stack != null) {
                out.println("sluice tui: draining the engine (every accepted event is written) ...");
                out.flush();
                stack.close(o.engine().drain());
                out.println("sluice tui: stopped");
            }
            return code;
        } finally {
            session.done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running and now returns, done is counted down
            }
        }
    }

    /**
     * The shutdown hook (SIGTERM, SIGHUP, {@code kill -INT}): end the loop as {@code q} would and
     * wait while the main thread restores the terminal and drains the engine, since the JVM halts
     * as soon as the hooks return.
     */
    private void onShutdown() {
        ConsoleLoop loop = this.loop;
        if (loop != null) {
            loop.requestStop();
        }
        try {
            if (!done.await(DRAIN_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("tui - shutdown did not finish in {}", DRAIN_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TerminalHandle t = terminal;
        if (t != null) {
            t.close();
        }
    }

    private int runScreen(TuiOptions o, EngineControl control, String target, LocalStack stack) {
        Thread.currentThread().setName("tui-ui");
        DashboardModel model = new DashboardModel(Clock.systemDefaultZone());
        if (stack != null && o.engine().tokenGenerated()) {
            model.event("control token " + o.engine().config().control().token() + " (for --attach --token)", false);
        }
        EngineActions actions = new EngineActions(control, model);
        try (TerminalHandle term = TerminalHandle.open(o.theme())) {
            terminal = term;
            Console console = new Console(term.screen(), control, model, actions, o.theme(), target, stack != null);
            ConsoleLoop consoleLoop = new ConsoleLoop(console, term.screen(), REFRESH);
            loop = consoleLoop;
            model.onEvent(consoleLoop::wake);
            actions.follow();
            consoleLoop.run();
            if (console.stopLoadOnExit() || (stack != null && loadRunning(control))) {
                actions.stopLoadNow();
            }
            return 0;
        } catch (Throwable t) {
            log.error("tui - the console crashed", t);
            TerminalHandle term = terminal;
            if (term != null) {
                term.close();
            }
            System.err.println("sluice tui: the console crashed: " + t + " (details in " + o.logFile() + ")");
            return 1;
        } finally {
            actions.close();
        }
    }

    private static boolean loadRunning(EngineControl control) {
        var s = control.snapshot();
        return s != null && s.load().running();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running and returns at once, done is counted down
        }
    }
}
