package dev.sluice.tui;

import dev.sluice.api.EngineControl;
import dev.sluice.api.EngineState;
import dev.sluice.api.ExperimentDefinition;
import dev.sluice.api.ExperimentRequest;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStep;
import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.LoadReportFiles;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.LoadStatus;
import dev.sluice.api.MetricsSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Our own seam, faked for the parts a real engine cannot be asked for on cue (a load generator
 * reporting given figures, an experiment at a given step). It records load and experiment calls
 * and publishes snapshots when told to.
 */
final class FakeEngine implements EngineControl {
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Consumer<MetricsSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final Instant start = Instant.now();
    private volatile Knobs knobs = Knobs.defaults();
    private volatile LoadStatus load = LoadStatus.IDLE;
    private volatile MetricsSnapshot latest;
    volatile MetricsSnapshot.IntakeStats intake = MetricsSnapshot.IntakeStats.UNKNOWN;
    /** The queue and items workloads the next snapshot reports; null: not reported (NONE). */
    volatile MetricsSnapshot.QueueStats queue;

    volatile MetricsSnapshot.ItemsStats items;

    /** The nodes the next snapshot reports; null: not reported (NONE). */
    volatile MetricsSnapshot.ClusterStats cluster;

    /** The log stream the next snapshot reports: totals and, when sharded, each shard. */
    volatile MetricsSnapshot.StreamStats stream = new MetricsSnapshot.StreamStats(0, 0, 0, 0);

    /** The experiment part of the next snapshot; its marks go out once, as the engine's do. */
    volatile ExperimentStatus experiment = ExperimentStatus.NONE;

    /** What {@link #startExperiment} throws, or null to accept. */
    volatile RuntimeException refuseStart;

    /** What {@link #experiments} throws, or null to list {@link #EXPERIMENTS}. */
    volatile RuntimeException refuseList;

    static final List<ExperimentDefinition> EXPERIMENTS = List.of(
            definition("stages", "Stage 1 (insert per request) vs stage 2 (stream + COPY)"),
            definition("insert-vs-copy", "INSERT vs COPY over batch sizes"),
            definition("workers", "Worker count: 1, 2, 4, 10, 32"));

    private long seq;

    private static ExperimentDefinition definition(String name, String title) {
        return new ExperimentDefinition(
                name,
                title,
                "What " + name + " compares, in a sentence or two.",
                List.of(new ExperimentStep(
                        "one", "One", null, LoadSpec.closed("realistic", 1), null, Duration.ofSeconds(1))));
    }

    /** When the next snapshot is taken: one second after the one before. */
    Instant nextAt() {
        return start.plusSeconds(seq + 1);
    }

    /** Publishes a snapshot of the current state, as the engine's metrics thread would. */
    synchronized MetricsSnapshot publish() {
        seq++;
        MetricsSnapshot.Latency none = MetricsSnapshot.Latency.NONE;
        latest = new MetricsSnapshot(
                seq,
                start.plusSeconds(seq),
                EngineState.RUNNING,
                seq * 1_000,
                knobs,
                new MetricsSnapshot.StoreInfo(
                        "postgresql://postgres@127.0.0.1:5432/sluice",
                        "embedded",
                        "redis://127.0.0.1:6379",
                        "embedded"),
                new MetricsSnapshot.ApiStats(0, 0, 0, 0, 0, 0, none),
                stream,
                new MetricsSnapshot.WorkerStats(knobs.workers(), 0, 0, 0, 0, 0, 0, none),
                new MetricsSnapshot.PoolStats(0, 0, 0, 0),
                new MetricsSnapshot.Totals(0, 0, 0, 0, 0),
                Map.of(),
                load,
                intake,
                null,
                queue,
                items,
                cluster,
                experiment);
        experiment = experiment.withMarks(List.of());
        listeners.forEach(l -> l.accept(latest));
        return latest;
    }

    /** Sets what the load generator reports in the next snapshot. */
    void loadReports(double rps, long p95Micros, long errors, String lastError) {
        LoadStatus l = load;
        load = new LoadStatus(
                l.running(), l.spec(), 42_000, rps, rps * 10, p95Micros, p95Micros * 2, errors, errors * 3, lastError);
    }

    @Override
    public MetricsSnapshot snapshot() {
        return latest;
    }

    @Override
    public List<MetricsSnapshot> history() {
        return latest == null ? List.of() : new ArrayList<>(List.of(latest));
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
        return List.of("realistic", "stress", "firehose", "read-mix");
    }

    @Override
    public void startLoad(LoadSpec spec) {
        calls.add("start " + LoadText.summary(spec));
        load = new LoadStatus(true, spec, 0, 0, 0, 0, 0, 0, 0, null);
        publish();
    }

    @Override
    public void stopLoad() {
        calls.add("stop");
        load = LoadStatus.IDLE;
        publish();
    }

    @Override
    public Optional<LoadReportFiles> lastLoadReport() {
        return Optional.empty();
    }

    @Override
    public List<ExperimentDefinition> experiments() {
        RuntimeException e = refuseList;
        if (e != null) {
            throw e;
        }
        return EXPERIMENTS;
    }

    @Override
    public void startExperiment(ExperimentRequest request) {
        calls.add("start experiment " + request.name() + " " + request.pace().label());
        RuntimeException e = refuseStart;
        if (e != null) {
            throw e;
        }
    }

    @Override
    public void stopExperiment() {
        calls.add("stop experiment");
    }
}
