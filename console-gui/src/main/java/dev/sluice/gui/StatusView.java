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
        List<String> names = List.of(
                "State",
                "Engine",
                "PostgreSQL",
                "Redis",
                "Uptime",
                "Accepted",
                "Committed",
                "Dead-lettered",
                "Rejected",
                "Now",
                "Intake");
        List<Label> values = List.of(
                state,
                connection,
                postgres,
                redis,
                uptime,
                accepted,
                committed,
                deadLettered,
                rejected,
                throughput,
                intake);
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
        alarm(state, lines.state().startsWith("DEGRADED"));
        connection.setText(lines.connection());
        alarm(connection, lines.connection().startsWith("DISCONNECTED"));
        postgres.setText(lines.postgres());
        redis.setText(lines.redis());
        uptime.setText(lines.uptime());
        accepted.setText(lines.accepted());
        committed.setText(lines.committed());
        deadLettered.setText(lines.deadLettered());
        rejected.setText(lines.rejected());
        throughput.setText(lines.throughput());
        intake.setText(lines.intake());
        alarm(intake, lines.intake().startsWith("THROTTLING"));
    }

    /** Shows {@code label} in the alarm colour ({@code reason}) while {@code on}. */
    private static void alarm(Label label, boolean on) {
        if (on != label.getStyleClass().contains("reason")) {
            if (on) {
                label.getStyleClass().add("reason");
            } else {
                label.getStyleClass().remove("reason");
            }
        }
    }
}
