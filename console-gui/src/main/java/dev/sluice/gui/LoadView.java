package dev.sluice.gui;

import dev.sluice.api.LoadSpec;
import dev.sluice.api.LoadStatus;
import dev.sluice.api.MetricsSnapshot;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory.DoubleSpinnerValueFactory;
import javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The load generator: profile, model (closed users or open rate), users or rate, start and stop.
 * While a load runs, changing users or rate adjusts it live; changing profile or model restarts it.
 *
 * <p>Concurrency: UI thread only; starts and stops leave through callbacks that run them elsewhere.
 */
final class LoadView {

    /** Starts a load off the UI thread; with {@code restart}, stops the running one first. */
    interface Start {
        void start(LoadSpec spec, boolean restart);
    }

    private final LoadModel model;
    private final Start submit;
    private final VBox root = new VBox(6);
    private final ComboBox<String> profile = new ComboBox<>();
    private final RadioButton closed = new RadioButton("closed: users");
    private final RadioButton open = new RadioButton("open: requests/s");
    private final Spinner<Integer> users = new Spinner<>();
    private final Spinner<Double> rate = new Spinner<>();
    private final Button start = new Button("Start load");
    private final Button stop = new Button("Stop load");
    private final Label status = new Label("idle");
    private final Label reason = new Label();
    private LoadStatus current = LoadStatus.IDLE;
    private boolean updating;

    /** @param onStop stops the running load off the UI thread */
    LoadView(LoadModel model, Start submit, Runnable onStop) {
        this.model = model;
        this.submit = submit;
        profile.getItems().add(model.profile()); // the engine's list replaces it once it answers (profiles)
        profile.setValue(model.profile());
        profile.setId("load-profile");
        ToggleGroup models = new ToggleGroup();
        closed.setToggleGroup(models);
        open.setToggleGroup(models);
        closed.setSelected(true);
        users.setValueFactory(new IntegerSpinnerValueFactory(1, LoadModel.MAX_USERS, model.users(), 10));
        rate.setValueFactory(new DoubleSpinnerValueFactory(1, LoadModel.MAX_RATE, model.rate(), 100));
        for (Spinner<?> s : new Spinner<?>[] {users, rate}) {
            s.setEditable(true);
            s.setPrefWidth(120);
        }
        users.setId("load-users");
        rate.setId("load-rate");
        start.setId("load-start");
        stop.setId("load-stop");
        status.setId("load-status");
        status.setWrapText(true);
        reason.setId("load-reason");
        reason.getStyleClass().add("reason");
        reason.setWrapText(true);
        reason.setMaxWidth(320);

        profile.setOnAction(e -> formChanged(() -> model.setProfile(profile.getValue())));
        closed.setOnAction(e -> formChanged(() -> model.setOpen(false)));
        open.setOnAction(e -> formChanged(() -> model.setOpen(true)));
        users.valueProperty().addListener((o, a, v) -> formChanged(() -> model.setUsers(v)));
        rate.valueProperty().addListener((o, a, v) -> formChanged(() -> model.setRate(v)));
        start.setOnAction(e -> {
            LoadSpec spec = spec();
            if (spec != null) {
                submit.start(spec, model.change(current) == LoadModel.Change.RESTART);
            }
        });
        stop.setOnAction(e -> onStop.run());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        grid.addRow(0, new Label("Profile"), profile);
        grid.addRow(1, closed, users);
        grid.addRow(2, open, rate);
        Label title = new Label("Load generator");
        title.getStyleClass().add("panel-title");
        root.getChildren().addAll(title, grid, new HBox(8, start, stop), reason, status);
        refresh();
    }

    private void formChanged(Runnable edit) {
        if (updating) {
            return;
        }
        edit.run();
        refresh();
        LoadModel.Change change = model.change(current);
        LoadSpec spec = change == LoadModel.Change.NONE ? null : spec();
        if (spec != null) {
            submit.start(spec, change == LoadModel.Change.RESTART);
        }
    }

    private LoadSpec spec() {
        try {
            return model.spec();
        } catch (IllegalArgumentException e) {
            model.refused("load", e.getMessage());
            refresh();
            return null;
        }
    }

    /** The profiles the engine knows, in its order; the chosen one stays chosen. */
    void profiles(List<String> names) {
        updating = true;
        try {
            String chosen = profile.getValue();
            profile.getItems().setAll(names);
            profile.setValue(chosen);
        } finally {
            updating = false;
        }
    }

    Node node() {
        return root;
    }

    /** Follows the engine's view of the load in {@code s}. */
    void show(MetricsSnapshot s) {
        current = s == null ? LoadStatus.IDLE : s.load();
        model.observe(current);
        refresh();
    }

    void refresh() {
        updating = true;
        try {
            profile.setValue(model.profile());
            (model.open() ? open : closed).setSelected(true);
            if (users.getValue() != model.users()) {
                users.getValueFactory().setValue(model.users());
            }
            if (rate.getValue() != model.rate()) {
                rate.getValueFactory().setValue(model.rate());
            }
        } finally {
            updating = false;
        }
        users.setDisable(model.open());
        rate.setDisable(!model.open());
        start.setDisable(current.running());
        stop.setDisable(!current.running());
        status.setText(LoadModel.status(current));
        String r = model.refusal() == null ? "" : model.refusal();
        reason.setText(r);
        reason.setVisible(!r.isEmpty());
        reason.setManaged(!r.isEmpty());
    }
}
