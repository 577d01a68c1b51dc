package dev.sluice.tui;

import dev.sluice.api.EngineControl;
import dev.sluice.api.EngineState;
import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.LoadReportFiles;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.LoadStatus;
import dev.sluice.api.MetricsSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Our own seam, faked for the parts a real engine cannot be asked for on cue (a load generator
 * reporting given figures). It records load calls and publishes snapshots when told to.
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

    private long seq;

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
                cluster);
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
}
