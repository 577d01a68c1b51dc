package dev.sluice.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Listeners of a feed. A listener that throws is logged at WARN and kept, so one broken
 * subscriber never stops the others or the feed.
 *
 * <p>Concurrency: subscribe and unsubscribe from any thread; {@link #publish} from the feed's thread.
 */
public final class Subscribers<T> {
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();
    private final Logger log;
    private final String feed;

    public Subscribers(Logger log, String feed) {
        this.log = log;
        this.feed = feed;
    }

    /** Adds a listener; closing the handle removes it (idempotent). */
    public AutoCloseable subscribe(Consumer<T> listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must be set");
        }
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(T value) {
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                log.warn("{} - a subscriber failed: {}", feed, e.toString());
            }
        }
    }
}
