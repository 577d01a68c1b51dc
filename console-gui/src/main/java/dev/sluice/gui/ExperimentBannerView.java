package dev.sluice.gui;

import dev.sluice.api.ExperimentStatus.State;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The experiment's banner: the step's title in letters a back row can read and under it
 * {@code step 2 of 4}, the phase and its countdown, then the experiment (or its verdict once it
 * ended), coloured by the run's state. Hidden while no experiment ran. The classroom banner and
 * the Experiments tab each hold one, told apart by their id prefix.
 *
 * <p>Concurrency: UI thread only.
 */
final class ExperimentBannerView {
    private final VBox root = new VBox(2);
    private final Label title = new Label();
    private final Label step = new Label();
    private final Label phase = new Label();
    private final Label countdown = new Label();
    private final Label detail = new Label();
    private State state;

    /** @param id prefix of the labels' ids: {@code banner} gives {@code banner-step-title}, {@code banner-step}... */
    ExperimentBannerView(String id) {
        title.setId(id + "-step-title");
        step.setId(id + "-step");
        phase.setId(id + "-phase");
        countdown.setId(id + "-countdown");
        detail.setId(id + "-detail");
        title.getStyleClass().add("experiment-title");
        title.setMinWidth(0);
        for (Label l : new Label[] {step, phase, countdown}) {
            l.getStyleClass().add("experiment-figure");
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        countdown.getStyleClass().add("experiment-countdown");
        detail.getStyleClass().add("experiment-detail");
        detail.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // the title gets a line of its own: a step's title is long, and it is what the back row reads
        HBox figures = new HBox(20, step, phase, countdown, spacer, detail);
        figures.setAlignment(Pos.BASELINE_LEFT);
        root.getChildren().addAll(title, figures);
        root.setPadding(new Insets(6, 12, 6, 12));
        root.getStyleClass().add("experiment-banner");
        show(ExperimentBanner.HIDDEN);
    }

    Node node() {
        return root;
    }

    void show(ExperimentBanner b) {
        root.setVisible(b.shown());
        root.setManaged(b.shown());
        title.setText(b.title());
        step.setText(b.step());
        phase.setText(b.phase());
        countdown.setText(b.countdown());
        detail.setText(b.detail());
        if (b.state() != state) {
            if (state != null) {
                root.getStyleClass().remove(styleOf(state));
            }
            state = b.state();
            root.getStyleClass().add(styleOf(state));
        }
    }

    private static String styleOf(State s) {
        return "state-" + s.name().toLowerCase(Locale.ROOT);
    }
}
