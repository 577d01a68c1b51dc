package dev.sluice.gui;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * The shards table of the nodes tab: one row per key of a sharded log stream (key, backlog,
 * pending entries, lag, the driven node's workers on it, "away" when its Redis master could not be
 * read this tick, in red). Hidden, taking no room, while the stream has fewer than two keys. The
 * table has the id {@code nodes-shards}.
 *
 * <p>Concurrency: UI thread only.
 */
final class ShardsTable {
    private final TableView<NodesModel.Shard> table = new TableView<>();
    private final VBox root;

    ShardsTable() {
        table.setId("nodes-shards");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("-"));
        table.getColumns()
                .addAll(List.of(
                        column("Shard", NodesModel.Shard::key, "the stream key"),
                        column("Backlog", NodesModel.Shard::backlog, "events in this key"),
                        column(
                                "Pending",
                                NodesModel.Shard::pending,
                                "entries delivered to a worker and not acknowledged (one entry per event or packed batch)"),
                        column("Lag", NodesModel.Shard::lag, "events not yet delivered to any worker"),
                        column("Workers here", NodesModel.Shard::workers, "this node's workers reading this key"),
                        column("", s -> s.away() ? "away" : "", "away: its Redis master could not be read this tick")));
        table.setRowFactory(t -> new AwayRow());
        Label title = new Label("Shards of the log stream");
        title.getStyleClass().add("panel-title");
        root = new VBox(4, title, table);
        root.setId("nodes-shards-box");
        show(List.of());
    }

    Node node() {
        return root;
    }

    void show(List<NodesModel.Shard> shards) {
        boolean sharded = !shards.isEmpty();
        root.setVisible(sharded);
        root.setManaged(sharded);
        // replacing equal items would reset the selection and scroll position every tick
        if (!table.getItems().equals(shards)) {
            table.getItems().setAll(shards);
        }
    }

    private static TableColumn<NodesModel.Shard, String> column(
            String heading, Function<NodesModel.Shard, String> cell, String tip) {
        TableColumn<NodesModel.Shard, String> c = new TableColumn<>();
        Label head = new Label(heading);
        head.setTooltip(new Tooltip(tip));
        c.setGraphic(head);
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(cell.apply(f.getValue())));
        return c;
    }

    /** A row in the "reason" colour while its key is away. */
    private static final class AwayRow extends TableRow<NodesModel.Shard> {
        @Override
        protected void updateItem(NodesModel.Shard shard, boolean empty) {
            super.updateItem(shard, empty);
            boolean away = !empty && shard != null && shard.away();
            if (away != getStyleClass().contains("reason")) {
                if (away) {
                    getStyleClass().add("reason");
                } else {
                    getStyleClass().remove("reason");
                }
            }
        }
    }
}
