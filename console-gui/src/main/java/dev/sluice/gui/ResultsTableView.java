package dev.sluice.gui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * The experiment's results table: a row per finished step, columns as the engine names them with
 * their units, and the summary line under it. A unit goes on a second header line, and each
 * column is as wide as its widest text (the table scrolls sideways rather than cut a figure
 * short: the standard set has fourteen columns). Columns are rebuilt only when the headers change
 * and rows only when they do, so a selection or a scroll survives the ticks.
 *
 * <p>Concurrency: UI thread only.
 */
final class ResultsTableView {
    /** Cell padding and the header's sort-arrow room, in pixels. */
    private static final double PADDING = 22;

    private final VBox root = new VBox(4);
    private final TableView<List<String>> table = new TableView<>();
    private final Label summary = new Label();
    private List<String> headers = List.of();
    private List<List<String>> rows = List.of();
    private double fontSize = 12;

    ResultsTableView() {
        table.setId("experiment-table");
        table.setPlaceholder(new Label("No step has finished yet: a row appears as each step drains."));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        // the header and a few rows, however tall the form above it grows
        table.setMinHeight(170);
        summary.setId("experiment-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().addAll(table, summary);
    }

    Node node() {
        return root;
    }

    /** The font size the window uses now (classroom mode's is larger): the columns' widths follow it. */
    void setFontSize(double px) {
        fontSize = px;
        fitColumns();
    }

    void show(ResultsTable t) {
        if (!t.headers().equals(headers)) {
            headers = t.headers();
            List<TableColumn<List<String>, String>> columns = new ArrayList<>();
            for (int i = 0; i < headers.size(); i++) {
                columns.add(column(headers.get(i), i));
            }
            table.getColumns().setAll(columns);
            fitColumns();
        }
        if (!t.rows().equals(rows)) {
            rows = t.rows();
            table.getItems().setAll(rows);
            fitColumns();
        }
        summary.setText(t.summary());
    }

    /** {@code p99 (ms)} on two lines: {@code p99} over {@code (ms)}. */
    static String twoLines(String header) {
        int unit = header.lastIndexOf(" (");
        return unit < 0 ? header : header.substring(0, unit) + "\n" + header.substring(unit + 1);
    }

    private static TableColumn<List<String>, String> column(String header, int i) {
        TableColumn<List<String>, String> c = new TableColumn<>(twoLines(header));
        c.setCellValueFactory(row -> new ReadOnlyStringWrapper(
                i < row.getValue().size() ? row.getValue().get(i) : ""));
        c.setSortable(false);
        c.setReorderable(false);
        // figures right-aligned so their digits line up; the step's label reads from the left
        c.setStyle(i > 0 ? "-fx-alignment: CENTER-RIGHT;" : "-fx-alignment: CENTER-LEFT;");
        return c;
    }

    private void fitColumns() {
        Font plain = Font.font(fontSize);
        Font bold = Font.font(null, FontWeight.BOLD, fontSize);
        for (int i = 0; i < table.getColumns().size(); i++) {
            TableColumn<List<String>, ?> c = table.getColumns().get(i);
            double width = 0;
            for (String line : c.getText().split("\n")) {
                width = Math.max(width, textWidth(line, bold));
            }
            for (List<String> row : rows) {
                width = Math.max(width, i < row.size() ? textWidth(row.get(i), plain) : 0);
            }
            c.setPrefWidth(Math.ceil(width + PADDING));
        }
    }

    private static double textWidth(String s, Font font) {
        Text t = new Text(s);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }
}
