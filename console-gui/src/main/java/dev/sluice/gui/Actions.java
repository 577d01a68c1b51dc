package dev.sluice.gui;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs engine calls (apply, start and stop load, history, drain) and file writes off the UI
 * thread, one at a time in the order asked, and hands each outcome back on the UI thread.
 *
 * <p>Concurrency: {@link #run} is called on the UI thread; work runs on the single
 * {@code console-actions} thread; outcomes run on {@code ui} (Platform::runLater in the app).
 */
final class Actions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Actions.class);

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-actions");
        t.setDaemon(true);
        return t;
    });
    private final Executor ui;

    Actions(Executor ui) {
        this.ui = ui;
    }

    /** Runs {@code work}, then {@code ok} with its result or {@code failed} with the reason, on the UI thread. */
    <T> void run(String what, Callable<T> work, Consumer<T> ok, Consumer<String> failed) {
        try {
            worker.execute(() -> {
                try {
                    T result = work.call();
                    ui.execute(() -> ok.accept(result));
                } catch (Exception e) {
                    log.info("console - {} refused: {}", what, reason(e));
                    ui.execute(() -> failed.accept(reason(e)));
                }
            });
        } catch (RejectedExecutionException e) {
            failed.accept("the console is closing");
        }
    }

    /** The line to show for a failure: the engine's own message, else the exception's name. */
    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Lets queued work finish for up to 5 s; warns when it does not. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("console - actions still running after 5 s; leaving them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
