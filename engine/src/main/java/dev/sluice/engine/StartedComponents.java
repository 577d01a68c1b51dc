package dev.sluice.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an engine has started so far, stopped in reverse order: the last component started is
 * the first one stopped. A start that fails half-way stops exactly what it had started.
 *
 * <p>Concurrency: confined to the thread that starts or stops the engine.
 */
final class StartedComponents {
    private static final Logger log = LoggerFactory.getLogger(StartedComponents.class);

    /** One started component: stops within about {@code drain} (most ignore it and stop at once). */
    @FunctionalInterface
    interface Stoppable {
        void stop(Duration drain) throws Exception;
    }

    private final Deque<Named> started = new ArrayDeque<>();

    private record Named(String name, Stoppable stoppable) {}

    /** Records a started {@code component} that stops with {@link AutoCloseable#close}; returns it. */
    <T extends AutoCloseable> T add(String name, T component) {
        started.push(new Named(name, drain -> component.close()));
        return component;
    }

    /** Records a started component by how it stops (for those that drain, or need a last step). */
    void addStopping(String name, Stoppable stoppable) {
        started.push(new Named(name, stoppable));
    }

    /**
     * Stops every component, newest first. A component that fails to stop is logged at WARN and
     * the rest still stop. Idempotent: a second call stops nothing.
     */
    void stopAll(Duration drain) {
        while (!started.isEmpty()) {
            Named c = started.pop();
            try {
                c.stoppable().stop(drain);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("engine - interrupted while stopping {}", c.name());
            } catch (Exception e) {
                log.warn("engine - stopping {} failed: {}", c.name(), e.toString());
            }
        }
    }
}
