package dev.sluice.tui;

import dev.sluice.api.EngineControl;
import dev.sluice.api.EngineException;
import dev.sluice.api.EngineSession;
import dev.sluice.api.EngineSessions;
import dev.sluice.api.cli.UsageException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the console on the real terminal: open an {@link EngineSession} (start a local engine,
 * or attach), take over the terminal, run the loop, then give the terminal back and close the
 * session, which drains an engine this process started.
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

    private ConsoleSession() {}

    static int run(TuiOptions o, Map<String, String> env, PrintStream out, PrintStream err) {
        EngineSession engine;
        String target;
        if (o.attach() != null) {
            engine = EngineSessions.attach(o.attach(), o.token());
            target = o.attach().toString();
        } else {
            out.println("sluice tui: starting " + o.local().startPlan() + " ...");
            out.flush();
            try {
                engine = EngineSessions.startLocal(o.engineArgs(), env);
            } catch (UsageException | EngineException e) {
                err.println("sluice tui: " + e.getMessage());
                return 2;
            } catch (RuntimeException e) {
                log.error("tui - the engine did not start", e);
                err.println("sluice tui: the engine did not start: " + e.getMessage() + " (details in " + o.logFile()
                        + ")");
                return 2;
            }
            target = (o.embedded() ? "embedded" : "local engine") + " · api " + engine.apiUri();
        }
        log.info("tui - console on {} (log {})", target, o.logFile());
        ConsoleSession session = new ConsoleSession();
        Thread hook = new Thread(session::onShutdown, "tui-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            int code = session.runScreen(o, engine, target);
            if (engine.local()) {
                out.println("sluice tui: draining the engine (every accepted event is written) ...");
                out.flush();
            }
            engine.close();
            if (engine.local()) {
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

    private int runScreen(TuiOptions o, EngineSession engine, String target) {
        Thread.currentThread().setName("tui-ui");
        DashboardModel model = new DashboardModel(Clock.systemDefaultZone());
        engine.generatedToken()
                .ifPresent(token -> model.event("control token " + token + " (for --attach --token)", false));
        EngineControl control = engine.control();
        boolean local = engine.local();
        EngineActions actions = new EngineActions(control, model);
        try (TerminalHandle term = TerminalHandle.open(o.theme())) {
            terminal = term;
            Console console = new Console(term.screen(), control, model, actions, o.theme(), target, local);
            ConsoleLoop consoleLoop = new ConsoleLoop(console, term.screen(), REFRESH);
            loop = consoleLoop;
            model.onEvent(consoleLoop::wake);
            actions.follow();
            consoleLoop.run();
            if (console.stopExperimentOnExit()) {
                actions.stopExperimentNow();
            }
            if (console.stopLoadOnExit() || (local && loadRunning(control))) {
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
}
