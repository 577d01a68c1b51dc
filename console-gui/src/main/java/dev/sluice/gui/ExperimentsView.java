package dev.sluice.gui;

import dev.sluice.api.ExperimentDefinition;
import dev.sluice.api.ExperimentPace;
import dev.sluice.api.ExperimentRequest;
import dev.sluice.api.ExperimentStatus;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Experiments tab: choose one of the engine's experiments (its description under the choice),
 * a pace, the SLO a rate search is judged by, Start and Stop; above, the experiment banner; below,
 * the results table filling in as steps finish.
 *
 * <p>Concurrency: UI thread only; starts and stops leave through callbacks that run them elsewhere.
 */
final class ExperimentsView {
    private final ExperimentsModel model;
    private final VBox root = new VBox(8);
    /** Classroom fonts on a laptop screen do not fit: the tab scrolls rather than squeeze the table away. */
    private final ScrollPane scroll = new ScrollPane(root);

    private final ExperimentBannerView banner = new ExperimentBannerView("experiment");
    /** Holds the banner, hidden in classroom mode (the banner keeps following the run behind it). */
    private final VBox bannerBox = new VBox(banner.node());

    private final ComboBox<ExperimentDefinition> choice = new ComboBox<>();
    private final Label description = new Label("Asking the engine for its experiments…");
    private final ChoiceBox<ExperimentPace> pace = new ChoiceBox<>();
    private final TextField sloP99 = new TextField();
    private final TextField sloErrors = new TextField();
    private final HBox slo;
    private final Button start = new Button("Start experiment");
    private final Button stop = new Button("Stop experiment");
    private final Label reason = new Label();
    private final ResultsTableView table = new ResultsTableView();
    private ExperimentStatus current = ExperimentStatus.NONE;
    private boolean updating;

    /** @param submit starts a request off the UI thread; @param onStop stops the running experiment off it */
    ExperimentsView(ExperimentsModel model, Consumer<ExperimentRequest> submit, Runnable onStop) {
        this.model = model;
        choice.setId("experiment-choice");
        choice.setConverter(new StringConverter<>() {
            @Override
            public String toString(ExperimentDefinition d) {
                return d == null ? "" : ExperimentsModel.label(d);
            }

            @Override
            public ExperimentDefinition fromString(String s) {
                return null;
            }
        });
        choice.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ExperimentDefinition d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : ExperimentsModel.label(d));
            }
        });
        choice.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(choice, Priority.ALWAYS);
        description.setId("experiment-description");
        description.setWrapText(true);
        pace.setId("experiment-pace");
        pace.setMinWidth(Region.USE_PREF_SIZE);
        pace.getItems().setAll(ExperimentsModel.PACES);
        pace.setConverter(new StringConverter<>() {
            @Override
            public String toString(ExperimentPace p) {
                return p == null ? "" : p.label();
            }

            @Override
            public ExperimentPace fromString(String s) {
                return ExperimentPace.fromLabel(s);
            }
        });
        sloP99.setId("experiment-slo-p99");
        sloErrors.setId("experiment-slo-errors");
        sloP99.setPromptText("50");
        sloErrors.setPromptText("0.1");
        sloP99.setPrefColumnCount(4);
        sloErrors.setPrefColumnCount(4);
        slo = new HBox(6, fixed("SLO: p99 ≤"), sloP99, fixed("ms, errors <"), sloErrors, fixed("%"));
        slo.setAlignment(Pos.CENTER_LEFT);
        start.setMinWidth(Region.USE_PREF_SIZE);
        stop.setMinWidth(Region.USE_PREF_SIZE);
        // a VBox short of height squeezes labels to one line: these keep every line of their text
        description.setMinHeight(Region.USE_PREF_SIZE);
        reason.setMinHeight(Region.USE_PREF_SIZE);
        start.setId("experiment-start");
        stop.setId("experiment-stop");
        reason.setId("experiment-reason");
        reason.getStyleClass().add("reason");
        reason.setWrapText(true);

        choice.setOnAction(e -> edit(() -> model.choose(
                choice.getValue() == null ? null : choice.getValue().name())));
        pace.setOnAction(e -> edit(() -> model.setPace(pace.getValue())));
        start.setOnAction(e -> {
            model.setSlo(sloP99.getText(), sloErrors.getText());
            try {
                submit.accept(model.request());
            } catch (IllegalArgumentException bad) {
                model.refused("experiment", bad.getMessage());
            }
            refresh();
        });
        stop.setOnAction(e -> {
            onStop.run();
            refresh();
        });

        Label title = new Label("Experiments");
        title.getStyleClass().add("panel-title");
        HBox which = new HBox(10, fixed("Experiment"), choice, fixed("pace"), pace);
        which.setAlignment(Pos.CENTER_LEFT);
        HBox buttons = new HBox(10, start, stop, slo);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(table.node(), Priority.ALWAYS);
        root.getChildren().addAll(bannerBox, title, which, description, buttons, reason, table.node());
        root.setPadding(new Insets(8));
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        refresh();
    }

    /** A label that keeps its text whole when its row is short of width. */
    private static Label fixed(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /**
     * Classroom mode: larger table columns, and no second banner here, as the window's classroom
     * banner shows the same one above every tab.
     */
    void setClassroom(boolean on) {
        bannerBox.setVisible(!on);
        bannerBox.setManaged(!on);
        table.setFontSize(on ? 20 : 12);
    }

    private void edit(Runnable change) {
        if (!updating) {
            change.run();
            refresh();
        }
    }

    Node node() {
        return scroll;
    }

    /** Shows the latest status: the banner (its countdown at the engine's {@code now}), the table, the buttons. */
    void show(ExperimentStatus s, ExperimentBanner b) {
        current = s == null ? ExperimentStatus.NONE : s;
        banner.show(b);
        table.show(ResultsTable.of(current));
        refresh();
    }

    void refresh() {
        updating = true;
        try {
            if (!choice.getItems().equals(model.definitions())) {
                choice.getItems().setAll(model.definitions());
            }
            choice.setValue(model.chosen().orElse(null));
            pace.setValue(model.pace());
        } finally {
            updating = false;
        }
        description.setText(
                !model.isListed()
                        ? "Asking the engine for its experiments…"
                        : model.chosen()
                                .map(ExperimentDefinition::description)
                                .orElse("This engine lists no experiments."));
        slo.setDisable(!model.searches());
        start.setDisable(!model.canStart(current));
        stop.setDisable(!model.canStop(current));
        String r = model.refusal() == null ? "" : model.refusal();
        reason.setText(r);
        reason.setVisible(!r.isEmpty());
        reason.setManaged(!r.isEmpty());
    }
}
