package dev.sluice.gui;

import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.ClusterStats;
import dev.sluice.api.MetricsSnapshot.NodeStats;
import java.util.List;
import java.util.Locale;

/**
 * The nodes tab's view-model: every engine node on the stream, as the snapshot of whichever node
 * the console drives reports them, one row of text each, and the group's totals. No JavaFX types.
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
     * The tab's text.
     *
     * @param summary the node count and the group's rates, or why there are none
     * @param group   the group's stream figures
     */
    record Nodes(String summary, String group, List<Row> rows) {}

    static Nodes of(MetricsSnapshot s) {
        if (s == null) {
            return new Nodes(WorkloadsModel.WAITING, "-", List.of());
        }
        ClusterStats cl = s.cluster();
        if (cl.nodes().isEmpty()) {
            return new Nodes(WorkloadsModel.NOT_REPORTED, "-", List.of());
        }
        String summary = cl.nodes().size() + (cl.nodes().size() == 1 ? " node" : " nodes") + " alive · "
                + Formats.rate(cl.eventsPerSec()) + " events · " + Formats.rate(cl.rowsPerSec()) + " rows committed";
        String group = Formats.count(s.stream().backlog()) + " events in the stream · "
                + Formats.count(s.stream().pending()) + " pending · "
                + Formats.count(s.stream().lag())
                + " not yet delivered";
        return new Nodes(
                summary, group, cl.nodes().stream().map(NodesModel::row).toList());
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
