package dev.sluice.gui;

import dev.sluice.api.MetricsSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where snapshots wait for the UI's own timer (the UI pulls on its own pulse; no runLater per tick).
 * Every tick is kept, not just the latest, so a pull that falls between two publishes leaves no
 * gap in the charts. Until {@link #prefill} has run (the engine's history, fetched off the UI
 * thread), {@link #drain} returns nothing, so history and live ticks come out in time order.
 *
 * <p>Concurrency: {@link #accept} runs on the engine's metrics thread (remote: the client's reader
 * thread), {@link #prefill} on the actions thread, {@link #drain} on the UI thread; {@code this}
 * guards the queue and the flag.
 */
final class SnapshotInbox implements Consumer<MetricsSnapshot> {
    private final int capacity;
    private final ArrayDeque<MetricsSnapshot> queue = new ArrayDeque<>();
    private boolean ready;

    SnapshotInbox(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized void accept(MetricsSnapshot s) {
        if (s == null) {
            return;
        }
        queue.addLast(s);
        while (queue.size() > capacity) {
            queue.removeFirst();
        }
    }

    /** Puts {@code history} (oldest first) ahead of what arrived live, and opens the inbox. */
    synchronized void prefill(List<MetricsSnapshot> history) {
        List<MetricsSnapshot> all = new ArrayList<>(history);
        all.addAll(queue);
        all.sort(Comparator.comparing(MetricsSnapshot::at));
        queue.clear();
        all.forEach(this::accept);
        ready = true;
    }

    /** Everything that arrived since the last drain, oldest first; empty before {@link #prefill}. */
    synchronized List<MetricsSnapshot> drain() {
        if (!ready || queue.isEmpty()) {
            return List.of();
        }
        List<MetricsSnapshot> out = new ArrayList<>(queue);
        queue.clear();
        return out;
    }
}
