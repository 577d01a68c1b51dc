package dev.sluice.tui;

import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.ClusterStats;
import dev.sluice.api.MetricsSnapshot.NodeStats;
import dev.sluice.api.MetricsSnapshot.ShardStats;
import dev.sluice.tui.KeyMap.Command;
import java.util.List;
import java.util.Locale;

/**
 * The engine nodes that drain the same stream, from their heartbeats (the nodes view): one row
 * each with its state and rates, this node marked, and the group's totals in the title; under them,
 * when the stream is sharded, a row per shard ({@link ShardsTable}). The same whichever node the
 * console is attached to, except the shards' workers, which are that node's. Its title carries the
 * key to the next view.
 *
 * <pre>
 *  Nodes  2 alive · 10.1k events/s · 10.0k rows/s · lag 1,200             w charts
 *  node               state      req/s events/s  rows/s workers pending  beat
 *  ▶ app1-3f9a1c      RUNNING     5.1k     5.1k    5.0k      10     120  0.2s
 *    app2-77c2d0      RUNNING     5.0k     5.0k    5.0k      10      80  0.6s
 *  shard                backlog   pending       lag workers here
 *  logs_stream{0}           700       100       600            5
 *  logs_stream{1}           700       100       600            5
 *  the group: 1,400 events in the stream, 200 pending, 1,200 not yet delivered
 * </pre>
 */
final class NodesPanel {
    private static final String COLUMNS = "%-18s %-8s %7s %8s %7s %7s %7s %5s";
    private static final String HEAD = String.format(
            Locale.ROOT, COLUMNS, "node", "state", "req/s", "events/s", "rows/s", "workers", "pending", "beat");

    private final KeyMap keys;

    NodesPanel(KeyMap keys) {
        this.keys = keys;
    }

    void draw(Canvas c, MetricsSnapshot s) {
        int col = c.text(1, 0, "Nodes", Theme.Role.TITLE);
        boolean experiment = s != null && s.experiment().state() != ExperimentStatus.State.IDLE;
        c.right(
                0,
                keys.labelOf(Command.VIEW) + " " + DashboardModel.View.NODES.next(experiment).label + " ",
                Theme.Role.KEY);
        if (s == null) {
            c.text(1, 1, "-", Theme.Role.DIM);
            return;
        }
        ClusterStats cl = s.cluster();
        if (cl.nodes().isEmpty()) {
            c.text(1, 1, "not reported by the engine", Theme.Role.DIM);
            return;
        }
        String summary =
                cl.nodes().size() + " alive · " + Fmt.qty(cl.eventsPerSec()) + " events/s · " + Fmt.qty(cl.rowsPerSec())
                        + " rows/s · lag " + Fmt.count(s.stream().lag());
        c.text(col + 2, 0, Fmt.fit(summary, Math.max(0, c.width() - col - 14)), Theme.Role.TEXT);
        c.text(1, 1, Fmt.fit(HEAD, c.width() - 2), Theme.Role.DIM);
        // between the node heading and the group's line: the nodes, then the shards table if sharded
        List<ShardStats> shards = s.stream().shards();
        int room = Math.max(0, c.height() - 3);
        int nodeRows = nodeRows(cl.nodes().size(), ShardsTable.rowsWanted(shards), room);
        int shown = cl.nodes().size() <= nodeRows ? cl.nodes().size() : Math.max(0, nodeRows - 1);
        for (int i = 0; i < shown; i++) {
            NodeStats n = cl.nodes().get(i);
            c.text(
                    1,
                    2 + i,
                    Fmt.fit(line(n, c.theme().unicode()), c.width() - 2),
                    n.self() ? Theme.Role.GOOD : Theme.Role.TEXT);
        }
        if (shown < cl.nodes().size()) {
            c.text(1, 2 + shown, "+" + (cl.nodes().size() - shown) + " more nodes", Theme.Role.DIM);
        }
        ShardsTable.draw(c, 2 + nodeRows, room - nodeRows, shards);
        String group = "the group: " + Fmt.count(s.stream().backlog()) + " events in the stream, "
                + Fmt.count(s.stream().pending()) + " pending, "
                + Fmt.count(s.stream().lag()) + " not yet delivered";
        c.text(1, c.height() - 1, Fmt.fit(group, c.width() - 2), Theme.Role.DIM);
    }

    /**
     * Rows the nodes get out of {@code room} (their "+K more" line included); the shards table
     * gets the rest. When both do not fit, neither list may push the other below half the room,
     * so a big group still shows its shards and many shards still leave the nodes in view.
     */
    static int nodeRows(int nodes, int shardRows, int room) {
        if (nodes + shardRows <= room) {
            return nodes;
        }
        return Math.min(nodes, Math.max(room - shardRows, room / 2));
    }

    /** One node's row; this node is marked. */
    static String line(NodeStats n, boolean unicode) {
        String mark = n.self() ? (unicode ? "▶ " : "> ") : "  ";
        return String.format(
                Locale.ROOT,
                COLUMNS,
                mark + Fmt.fit(n.id(), 16),
                n.state().name(),
                Fmt.qty(n.requestsPerSec()),
                Fmt.qty(n.eventsPerSec()),
                Fmt.qty(n.rowsPerSec()),
                Integer.toString(n.workers()),
                n.pending() < 0 ? "-" : Fmt.count(n.pending()),
                String.format(Locale.ROOT, "%.1fs", n.ageMillis() / 1000.0));
    }
}
