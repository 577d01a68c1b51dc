package dev.sluice.gui;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * Engine state, connection, store endpoints, uptime and totals.
 *
 * <p>Concurrency: UI thread only.
 */
final class StatusView {
    private final VBox root = new VBox(4);
    private final Label state = value("status-state");
    private final Label connection = value("status-connection");
    private final Label postgres = value("status-postgres");
    private final Label redis = value("status-redis");
    private final Label uptime = value("status-uptime");
    private final Label accepted = value("status-accepted");
    private final Label committed = value("status-committed");
    private final Label deadLettered = value("status-dead-lettered");
    private final Label rejected = value("status-rejected");
    private final Label throughput = value("status-throughput");
    private final Label intake = value("status-intake");

    StatusView() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(2);
        List<String> names = List.of("State", "Engine", "PostgreSQL", "Redis", "Uptime", "Accepted", "Committed",
                "Dead-lettered", "Rejected", "Now", "Intake");
        List<Label> values = List.of(state, connection, postgres, redis, uptime, accepted, committed, deadLettered, rejected,
                throughput, intake);
        for (int i = 0; i < names.size(); i++) {
            Label name = new Label(names.get(i));
            name.getStyleClass().add("status-name");
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            grid.addRow(i, name, values.get(i));
        }
        Label title = new Label("Status");
        title.getStyleClass().add("panel-title");
        root.getChildren().addAll(title, grid);
    }

    private static Label value(String id) {
        Label l = new Label("-");
        l.setId(id);
        l.setWrapText(true);
        l.setMaxWidth(280);
        return l;
    }

    Node node() {
        return root;
    }

    void show(StatusModel.Lines lines) {
        state.setText(lines.state());
        boolean degraded = lines.state().startsWith("DEGRADED");
        if (degraded != state.getStyleClass().contains("reason")) {
            if (degraded) {
                state.getStyleClass().add("reason");
            } else {
                state.getStyleClass().remove("reason");
            }
        }
        connection.setText(lines.connection());
        boolean lost = lines.connection().startsWith("DISCONNECTED");
        if (lost != connection.getStyleClass().contains("reason")) {
            if (lost) {
                connection.getStyleClass().add("reason");
            } else {
                connection.getStyleClass().remove("reason");
            }
        }
        postgres.setText(lines.postgres());
        redis.setText(lines.redis());
        uptime.setText(lines.uptime());
        accepted.setText(lines.accepted());
        committed.setText(lines.committed());
        deadLettered.setText(lines.deadLettered());
        rejected.setText(lines.rejected());
        throughput.setText(lines.throughput());
        intake.setText(lines.intake());
        boolean throttling = lines.intake().startsWith("THROTTLING");
        if (throttling != intake.getStyleClass().contains("reason")) {
            if (throttling) {
                intake.getStyleClass().add("reason");
            } else {
                intake.getStyleClass().remove("reason");
            }
        }
    }
}
