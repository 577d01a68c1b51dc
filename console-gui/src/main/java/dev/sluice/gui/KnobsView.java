package dev.sluice.gui;

import dev.sluice.api.IngestMode;
import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.MetricsSnapshot;
import java.util.EnumMap;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The engine knobs: workers, batch size, flush interval and the backlog water marks (spinners:
 * arrows, scroll, or type an exact value and press Enter), ingest mode, and pause/resume. Each control shows the
 * knobs in force as the engine answered them ({@link KnobsModel}); a refused change shows the engine's reason under the control.
 *
 * <p>Concurrency: UI thread only; changes leave through {@link Submit}, which runs them elsewhere.
 */
final class KnobsView {

    /** Sends a change to the engine off the UI thread and reports back to the model. */
    interface Submit {
        void submit(Knob knob, Object value, KnobsChange change);
    }

    private final KnobsModel model;
    private final Submit submit;
    private final VBox root = new VBox(6);
    private final Map<Knob, Spinner<Integer>> spinners = new EnumMap<>(Knob.class);
    private final Map<Knob, Label> reasons = new EnumMap<>(Knob.class);
    private final ToggleGroup modes = new ToggleGroup();
    private final ToggleButton pause = new ToggleButton("Pause workers");
    private boolean updating;

    KnobsView(KnobsModel model, Submit submit) {
        this.model = model;
        this.submit = submit;
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(2);
        int row = 0;
        row = spinnerRow(grid, row, Knob.WORKERS, "Workers", 1, Knobs.MAX_WORKERS, 1);
        row = spinnerRow(grid, row, Knob.BATCH_SIZE, "Batch size", 1, Knobs.MAX_BATCH_SIZE, 100);
        row = spinnerRow(
                grid, row, Knob.FLUSH_INTERVAL, "Flush every (ms)", 1, (int) Knobs.MAX_FLUSH_INTERVAL.toMillis(), 10);
        // above the high mark POST /write answers 429 until the backlog is below the low mark
        row = spinnerRow(grid, row, Knob.HIGH_WATER, "High water (events)", 2, Knobs.MAX_HIGH_WATER, 10_000);
        row = spinnerRow(grid, row, Knob.LOW_WATER, "Low water (events)", 1, Knobs.MAX_HIGH_WATER - 1, 10_000);
        FlowPane modeBox = new FlowPane(2, 2);
        for (IngestMode mode : IngestMode.values()) {
            ToggleButton b = new ToggleButton(mode.label());
            b.setUserData(mode);
            b.setToggleGroup(modes);
            b.setId("mode-" + mode.label());
            b.setOnAction(e -> send(Knob.MODE, mode));
            modeBox.getChildren().add(b);
        }
        pause.setId("pause-workers");
        pause.setOnAction(e -> send(Knob.PAUSED, pause.isSelected()));
        Label title = new Label("Engine knobs");
        title.getStyleClass().add("panel-title");
        root.getChildren()
                .addAll(title, grid, new Label("Ingest mode"), modeBox, reason(Knob.MODE), pause, reason(Knob.PAUSED));
    }

    private int spinnerRow(GridPane grid, int row, Knob knob, String text, int min, int max, int step) {
        Spinner<Integer> spinner = new Spinner<>();
        spinner.setValueFactory(new IntegerSpinnerValueFactory(min, max, min, step));
        spinner.setEditable(true);
        spinner.setPrefWidth(110);
        spinner.setId(knob.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        spinner.valueProperty().addListener((o, old, v) -> {
            if (!updating && v != null) {
                send(knob, v);
            }
        });
        // Enter sends exactly what was typed, even out of range, so the engine's reason shows
        spinner.getEditor().setOnAction(e -> typed(knob, spinner.getEditor().getText()));
        spinners.put(knob, spinner);
        grid.add(new Label(text), 0, row);
        grid.add(spinner, 1, row);
        grid.add(reason(knob), 0, row + 1, 2, 1);
        return row + 2;
    }

    private Label reason(Knob knob) {
        Label l = new Label();
        l.getStyleClass().add("reason");
        l.setWrapText(true);
        l.setMaxWidth(320);
        l.setId("reason-" + knob.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        l.setManaged(false);
        l.setVisible(false);
        reasons.put(knob, l);
        return l;
    }

    private void typed(Knob knob, String text) {
        Spinner<Integer> spinner = spinners.get(knob);
        int value;
        try {
            value = KnobsModel.parse(knob, text);
        } catch (IllegalArgumentException e) {
            model.refused(knob, text, e.getMessage());
            refused(knob);
            return;
        }
        IntegerSpinnerValueFactory range = (IntegerSpinnerValueFactory) spinner.getValueFactory();
        if (value >= range.getMin() && value <= range.getMax()) {
            updating = true;
            try {
                range.setValue(value);
            } finally {
                updating = false;
            }
        }
        send(knob, value);
    }

    /**
     * A change of {@code knob} was refused: put the control back to its value, so leaving the
     * field does not commit the refused text again (clamped into range).
     */
    void refused(Knob knob) {
        Spinner<Integer> spinner = spinners.get(knob);
        if (spinner != null && spinner.getValue() != null) {
            spinner.getEditor().setText(Integer.toString(spinner.getValue()));
        }
        refreshReasons();
    }

    private void send(Knob knob, Object value) {
        model.requested(knob);
        submit.submit(knob, value, knob.change(value));
        refreshReasons();
    }

    Node node() {
        return root;
    }

    /** Shows the engine's knobs from {@code s} where no change is on its way, and the refusal reasons. */
    void show(MetricsSnapshot s) {
        if (s != null) {
            Knobs k = s.knobs();
            updating = true;
            try {
                spinners.forEach((knob, spinner) -> model.display(knob, k).ifPresent(v -> {
                    if (!spinner.getEditor().isFocused() || !v.equals(spinner.getValue())) {
                        setSpinner(spinner, (Integer) v);
                    }
                }));
                model.display(Knob.MODE, k)
                        .ifPresent(mode -> modes.getToggles().forEach(t -> t.setSelected(t.getUserData() == mode)));
                model.display(Knob.PAUSED, k).ifPresent(p -> pause.setSelected((Boolean) p));
                pause.setText(pause.isSelected() ? "Resume workers" : "Pause workers");
            } finally {
                updating = false;
            }
        }
        refreshReasons();
    }

    private static void setSpinner(Spinner<Integer> spinner, int value) {
        if (spinner.getValue() == null || spinner.getValue() != value) {
            spinner.getValueFactory().setValue(value);
        }
        String text = Integer.toString(value);
        if (!spinner.getEditor().isFocused() && !text.equals(spinner.getEditor().getText())) {
            spinner.getEditor().setText(text);
        }
    }

    private void refreshReasons() {
        reasons.forEach((knob, label) -> {
            String r = model.refusal(knob).orElse("");
            label.setText(r);
            label.setVisible(!r.isEmpty());
            label.setManaged(!r.isEmpty());
        });
    }

    /** The control for a number knob: for tests. */
    Spinner<Integer> spinner(Knob knob) {
        return spinners.get(knob);
    }
}
