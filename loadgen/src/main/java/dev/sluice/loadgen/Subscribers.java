package dev.sluice.loadgen;

import dev.sluice.loadgen.api.LoadTick;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tick listeners. A listener that throws is logged and keeps its place (Caffeine
 * {@code GuardedStatsCounter}): one broken chart must not stop the others or the run.
 *
 * <p>Concurrency: subscribe/unsubscribe from any thread (copy-on-write); publish from the ticker.
 */
final class Subscribers {
    private static final Logger log = LoggerFactory.getLogger(Subscribers.class);

    private final CopyOnWriteArrayList<Consumer<LoadTick>> listeners = new CopyOnWriteArrayList<>();

    AutoCloseable add(Consumer<LoadTick> listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must be set");
        }
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void publish(LoadTick tick) {
        for (Consumer<LoadTick> l : listeners) {
            try {
                l.accept(tick);
            } catch (RuntimeException e) {
                log.warn("loadgen - tick listener {} failed on tick {}: {}", l, tick.second(), e.toString(), e);
            }
        }
    }
}
