package dev.sluice.gui;

import dev.sluice.api.EngineControl;
import dev.sluice.api.ExperimentDefinition;
import dev.sluice.api.ExperimentRequest;
import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.LoadReportFiles;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.MetricsSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Our own seam, faked: publishes the snapshots a test builds, as the engine's metrics thread would. */
final class FakeControl implements EngineControl {
    private final List<Consumer<MetricsSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile MetricsSnapshot latest;
    private volatile Knobs knobs = Knobs.defaults();
    /** The experiments it lists. */
    volatile List<ExperimentDefinition> experiments = List.of();
    /** What startExperiment was asked, in order. */
    final List<ExperimentRequest> started = new CopyOnWriteArrayList<>();
    /** Thrown by the next startExperiment calls instead of starting, when set. */
    volatile RuntimeException startFails;

    final AtomicInteger stops = new AtomicInteger();

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
    public List<ExperimentDefinition> experiments() {
        return experiments;
    }

    @Override
    public void startExperiment(ExperimentRequest request) {
        RuntimeException fail = startFails;
        if (fail != null) {
            throw fail;
        }
        started.add(request);
    }

    @Override
    public void stopExperiment() {
        stops.incrementAndGet();
    }

    @Override
    public Optional<LoadReportFiles> lastLoadReport() {
        return Optional.empty();
    }
}
