package dev.sluice.gui;

import dev.sluice.api.EngineState;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.Knobs;
import dev.sluice.api.LoadStatus;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.ApiStats;
import dev.sluice.api.MetricsSnapshot.Latency;
import dev.sluice.api.MetricsSnapshot.PoolStats;
import dev.sluice.api.MetricsSnapshot.StoreInfo;
import dev.sluice.api.MetricsSnapshot.StreamStats;
import dev.sluice.api.MetricsSnapshot.Totals;
import dev.sluice.api.MetricsSnapshot.WorkerStats;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds snapshots for view-model tests: tick {@code seq} is taken at T0 + seq seconds. */
final class Snapshots {
    static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");

    long seq = 1;
    EngineState state = EngineState.RUNNING;
    Knobs knobs = Knobs.defaults();
    double ok;
    double clientErrors;
    double throttled;
    double serverErrors;
    long apiP99Micros;
    long commitP99Micros;
    long backlog;
    long lag;
    double rowsPerSec;
    double rowsPerFlush;
    long accepted;
    long committed;
    long deadLettered;
    Map<String, Long> errors = new HashMap<>();
    LoadStatus load = LoadStatus.IDLE;
    MetricsSnapshot.Health health = MetricsSnapshot.Health.UNKNOWN;
    MetricsSnapshot.IntakeStats intake = MetricsSnapshot.IntakeStats.UNKNOWN;
    MetricsSnapshot.QueueStats queue;
    MetricsSnapshot.ItemsStats items;
    MetricsSnapshot.ClusterStats cluster;
    List<MetricsSnapshot.ShardStats> shards = List.of();
    ExperimentStatus experiment = ExperimentStatus.NONE;

    static Snapshots tick(long seq) {
        Snapshots s = new Snapshots();
        s.seq = seq;
        return s;
    }

    Snapshots ok(double perSec) {
        ok = perSec;
        return this;
    }

    Snapshots rejected(double clientErr, double throttledPerSec, double serverErr) {
        clientErrors = clientErr;
        throttled = throttledPerSec;
        serverErrors = serverErr;
        return this;
    }

    Snapshots knobs(Knobs k) {
        knobs = k;
        return this;
    }

    Snapshots lag(long backlogEntries, long lagEntries) {
        backlog = backlogEntries;
        lag = lagEntries;
        return this;
    }

    Snapshots latency(long apiP99, long commitP99) {
        apiP99Micros = apiP99;
        commitP99Micros = commitP99;
        return this;
    }

    Snapshots rows(double perSec, double perFlush) {
        rowsPerSec = perSec;
        rowsPerFlush = perFlush;
        return this;
    }

    Snapshots totals(long acc, long comm, long dead) {
        accepted = acc;
        committed = comm;
        deadLettered = dead;
        return this;
    }

    Snapshots error(String kind, long total) {
        errors.put(kind, total);
        return this;
    }

    Snapshots state(EngineState s) {
        state = s;
        return this;
    }

    Snapshots health(MetricsSnapshot.Health h) {
        health = h;
        return this;
    }

    Snapshots load(LoadStatus l) {
        load = l;
        return this;
    }

    Snapshots intake(MetricsSnapshot.IntakeStats i) {
        intake = i;
        return this;
    }

    Snapshots queue(MetricsSnapshot.QueueStats q) {
        queue = q;
        return this;
    }

    Snapshots items(MetricsSnapshot.ItemsStats i) {
        items = i;
        return this;
    }

    Snapshots cluster(MetricsSnapshot.ClusterStats c) {
        cluster = c;
        return this;
    }

    /** The stream's keys, each with its own figures; the stream totals stay those of {@link #lag}. */
    Snapshots shards(List<MetricsSnapshot.ShardStats> keys) {
        shards = keys;
        return this;
    }

    Snapshots experiment(ExperimentStatus e) {
        experiment = e;
        return this;
    }

    MetricsSnapshot build() {
        Latency api = new Latency(apiP99Micros / 4, apiP99Micros / 2, apiP99Micros, apiP99Micros * 2);
        Latency commit = new Latency(commitP99Micros / 4, commitP99Micros / 2, commitP99Micros, commitP99Micros * 2);
        double rejected = clientErrors + throttled + serverErrors;
        return new MetricsSnapshot(
                seq,
                T0.plusSeconds(seq),
                state,
                seq * 1000,
                knobs,
                new StoreInfo(
                        "postgresql://postgres@127.0.0.1:5432/sluice",
                        "embedded",
                        "redis://127.0.0.1:6379",
                        "embedded"),
                new ApiStats(ok + rejected, ok * 10, ok, clientErrors, throttled, serverErrors, api),
                new StreamStats(backlog, backlog - lag, lag, deadLettered, shards),
                new WorkerStats(
                        knobs.workers(),
                        1,
                        0.5,
                        rowsPerSec,
                        rowsPerSec / Math.max(1, rowsPerFlush),
                        rowsPerFlush,
                        0.5,
                        commit),
                new PoolStats(2, 14, 0, committed),
                new Totals(accepted / 10, accepted, committed, 0, deadLettered),
                errors,
                load,
                intake,
                health,
                queue,
                items,
                cluster,
                experiment);
    }
}
