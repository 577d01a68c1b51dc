package dev.sluice.gui;

import dev.sluice.api.EngineControl;
import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.LoadReportFiles;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.MetricsSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Our own seam, faked: publishes the snapshots a test builds, as the engine's metrics thread would. */
final class FakeControl implements EngineControl {
    private final List<Consumer<MetricsSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile MetricsSnapshot latest;
    private volatile Knobs knobs = Knobs.defaults();

    void publish(MetricsSnapshot s) {
        latest = s;
        listeners.forEach(l -> l.accept(s));
    }

    @Override
    public MetricsSnapshot snapshot() {
        return latest;
    }

    @Override
    public List<MetricsSnapshot> history() {
        return List.of();
    }

    @Override
    public AutoCloseable subscribe(Consumer<MetricsSnapshot> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public Knobs knobs() {
        return knobs;
    }

    @Override
    public synchronized Knobs update(KnobsChange change) {
        knobs = knobs.with(change);
        return knobs;
    }

    @Override
    public List<String> profiles() {
        return List.of("realistic");
    }

    @Override
    public void startLoad(LoadSpec spec) {}

    @Override
    public void stopLoad() {}

    @Override
    public Optional<LoadReportFiles> lastLoadReport() {
        return Optional.empty();
    }
}
