package dev.sluice.gui;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The nodes tab: the engine nodes that drain the same stream, one grid row each (identity, API,
 * state, requests, events, rows committed, workers, pending entries, last heartbeat), the node the
 * console drives in bold. Cells have stable ids ({@code node-0-id}, {@code node-0-events}, ...).
 * Under them, for a sharded stream, a table of its shards ({@link ShardsTable}).
 *
 * <p>Concurrency: UI thread only.
 */
final class NodesView {
    private static final List<String> HEADINGS =
            List.of("Node", "API", "State", "Requests", "Events", "Rows", "Workers", "Pending", "Heartbeat");

    private final ScrollPane root;
    private final Label summary = new Label("-");
    private final Label group = new Label("-");
    private final GridPane grid = new GridPane();
    private final ShardsTable shards = new ShardsTable();
    private List<NodesModel.Row> shown = List.of();

    NodesView() {
        summary.setId("nodes-summary");
        group.setId("nodes-group");
        group.getStyleClass().add("status-name");
        grid.setId("nodes-grid");
        grid.setHgap(14);
        grid.setVgap(3);
        Label title = new Label("Engine nodes on this stream (heartbeats in Redis)");
        title.getStyleClass().add("panel-title");
        VBox box = new VBox(8, title, summary, grid, group, shards.node());
        box.setPadding(new Insets(10));
        root = new ScrollPane(box);
        root.setId("nodes");
        root.setFitToWidth(true);
        headings();
    }

    private void headings() {
        grid.getChildren().clear();
        for (int c = 0; c < HEADINGS.size(); c++) {
            Label h = new Label(HEADINGS.get(c));
            h.getStyleClass().add("status-name");
            grid.add(h, c, 0);
        }
    }

    Node node() {
        return root;
    }

    void show(NodesModel.Nodes nodes) {
        summary.setText(nodes.summary());
        group.setText(nodes.group());
        shards.show(nodes.shards());
        if (nodes.rows().equals(shown)) {
            return;
        }
        shown = nodes.rows();
        headings();
        for (int r = 0; r < shown.size(); r++) {
            NodesModel.Row row = shown.get(r);
            List<String> cells = List.of(
                    row.id(),
                    row.api(),
                    row.state(),
                    row.requests(),
                    row.events(),
                    row.rows(),
                    row.workers(),
                    row.pending(),
                    row.beat());
            List<String> names =
                    List.of("id", "api", "state", "requests", "events", "rows", "workers", "pending", "beat");
            for (int c = 0; c < cells.size(); c++) {
                Label cell = new Label(cells.get(c));
                cell.setId("node-" + r + "-" + names.get(c));
                if (row.self()) {
                    cell.setStyle("-fx-font-weight: bold");
                }
                grid.add(cell, c, r + 1);
            }
        }
    }
}
