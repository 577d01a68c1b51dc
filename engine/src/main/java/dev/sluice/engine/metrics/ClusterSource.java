package dev.sluice.engine.metrics;

import dev.sluice.api.MetricsSnapshot.ClusterStats;

/** Where a snapshot's cluster view comes from: the nodes alive, and what the others hold that Redis does not count. */
public interface ClusterSource {
    /** An engine alone, that reports no cluster. */
    ClusterSource NONE = new ClusterSource() {
        @Override
        public ClusterStats stats() {
            return ClusterStats.NONE;
        }

        @Override
        public long othersHeldExtraEvents() {
            return 0;
        }
    };

    /** The nodes alive now, this one included. */
    ClusterStats stats();

    /** Events beyond one per entry that the other nodes' workers hold (packed entries): XPENDING counts entries. */
    long othersHeldExtraEvents();
}
