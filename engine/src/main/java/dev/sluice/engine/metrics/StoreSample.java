package dev.sluice.engine.metrics;

/**
 * What the stores said at one tick. {@code -1} marks a figure that could not be read.
 *
 * @param backlog          events in the stream, pending ones included ({@code StreamBacklog})
 * @param pending          entries delivered and not acknowledged (XPENDING)
 * @param active           pool connections in use
 * @param idle             pool connections free
 * @param waiting          threads waiting for a connection
 * @param logsRowsEstimate {@code n_live_tup} of {@code logs}
 * @param shards           each key of the log stream (one unless it is sharded)
 */
public record StoreSample(
        long backlog,
        long pending,
        int active,
        int idle,
        int waiting,
        long logsRowsEstimate,
        java.util.List<dev.sluice.api.MetricsSnapshot.ShardStats> shards) {
    public StoreSample {
        shards = shards == null ? java.util.List.of() : java.util.List.copyOf(shards);
    }

    /** Without per-key figures. */
    public StoreSample(long backlog, long pending, int active, int idle, int waiting, long logsRowsEstimate) {
        this(backlog, pending, active, idle, waiting, logsRowsEstimate, java.util.List.of());
    }

    public static final StoreSample UNKNOWN = new StoreSample(-1, -1, -1, -1, -1, -1);
}
