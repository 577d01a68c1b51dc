package dev.sluice.gui;

import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.ClusterStats;
import dev.sluice.api.MetricsSnapshot.NodeStats;
import dev.sluice.api.MetricsSnapshot.ShardStats;
import java.util.List;
import java.util.Locale;

/**
 * The nodes tab's view-model: every engine node on the stream, as the snapshot of whichever node
 * the console drives reports them, one row of text each, the group's totals, and each shard of a
 * sharded stream. No JavaFX types.
 */
final class NodesModel {
    private NodesModel() {}

    /**
     * One node's row.
     *
     * @param self the node the console drives
     */
    record Row(
            String id,
            String api,
            String state,
            String requests,
            String events,
            String rows,
            String workers,
            String pending,
            String beat,
            boolean self) {}

    /**
     * One stream key's row; figures the engine could not read are {@code -}.
     *
     * @param pending entries delivered and not acknowledged (an entry holds one event or a packed batch)
     * @param workers the driven node's workers reading this key
     * @param away    the key's Redis master could not be read this tick
     */
    record Shard(String key, String backlog, String pending, String lag, String workers, boolean away) {}

    /**
     * The tab's text.
     *
     * @param summary the node count and the group's rates, or why there are none
     * @param group   the group's stream figures
     * @param shards  one row per stream key when the stream has two or more, else empty (no table)
     */
    record Nodes(String summary, String group, List<Row> rows, List<Shard> shards) {}

    static Nodes of(MetricsSnapshot s) {
        if (s == null) {
            return new Nodes(WorkloadsModel.WAITING, "-", List.of(), List.of());
        }
        List<Shard> shards = shards(s.stream().shards());
        ClusterStats cl = s.cluster();
        if (cl.nodes().isEmpty()) {
            return new Nodes(WorkloadsModel.NOT_REPORTED, "-", List.of(), shards);
        }
        String summary = cl.nodes().size() + (cl.nodes().size() == 1 ? " node" : " nodes") + " alive · "
                + Formats.rate(cl.eventsPerSec()) + " events · " + Formats.rate(cl.rowsPerSec()) + " rows committed";
        String group = Formats.count(s.stream().backlog()) + " events in the stream · "
                + Formats.count(s.stream().pending()) + " pending · "
                + Formats.count(s.stream().lag())
                + " not yet delivered";
        return new Nodes(
                summary, group, cl.nodes().stream().map(NodesModel::row).toList(), shards);
    }

    /** A row per key of a sharded stream; one key (or none reported) is the plain stream: no table. */
    private static List<Shard> shards(List<ShardStats> shards) {
        if (shards.size() < 2) {
            return List.of();
        }
        return shards.stream().map(NodesModel::shard).toList();
    }

    private static Shard shard(ShardStats sh) {
        // the engine writes -1 for a figure it could not read: the key's Redis master was away
        boolean away = sh.backlog() < 0 || sh.pendingEntries() < 0 || sh.lag() < 0;
        return new Shard(
                sh.key(),
                Formats.count(sh.backlog()),
                Formats.count(sh.pendingEntries()),
                Formats.count(sh.lag()),
                Integer.toString(sh.workers()),
                away);
    }

    private static Row row(NodeStats n) {
        return new Row(
                n.id(),
                n.api(),
                n.state().name(),
                Formats.rate(n.requestsPerSec()),
                Formats.rate(n.eventsPerSec()),
                Formats.rate(n.rowsPerSec()),
                Integer.toString(n.workers()),
                Formats.count(n.pending()),
                String.format(Locale.ROOT, "%.1f s ago", n.ageMillis() / 1000.0),
                n.self());
    }
}
