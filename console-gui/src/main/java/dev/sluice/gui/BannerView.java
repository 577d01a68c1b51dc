package dev.sluice.gui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Classroom mode's banner: the ingest mode in letters a back row can read, coloured by tone, and
 * the four figures that tell the story (requests/s, rows/s, p99, lag); above them, while an
 * experiment runs (and after, until another starts), its step, phase and countdown.
 *
 * <p>Concurrency: UI thread only.
 */
final class BannerView {
    private final VBox outer = new VBox();
    private final ExperimentBannerView experiment = new ExperimentBannerView("banner");
    private final HBox root = new HBox(24);
    private final Label mode = new Label();
    private final Label requests = figure();
    private final Label rows = figure();
    private final Label latency = figure();
    private final Label lag = figure();
    private BannerModel.Tone tone;

    BannerView() {
        mode.setId("banner-mode");
        mode.getStyleClass().add("banner-mode");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        root.getChildren().addAll(mode, spacer, requests, rows, latency, lag);
        root.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(6, 12, 6, 12));
        root.getStyleClass().add("banner");
        outer.getChildren().addAll(experiment.node(), root);
        show(BannerModel.Banner.EMPTY, ExperimentBanner.HIDDEN);
    }

    private static Label figure() {
        Label l = new Label();
        l.getStyleClass().add("banner-figure");
        return l;
    }

    Node node() {
        return outer;
    }

    void show(BannerModel.Banner b, ExperimentBanner e) {
        experiment.show(e);
        mode.setText(b.mode());
        requests.setText(b.requests());
        rows.setText(b.rows());
        latency.setText(b.latency());
        lag.setText(b.lag());
        if (b.tone() != tone) {
            if (tone != null) {
                root.getStyleClass().remove("tone-" + tone.name().toLowerCase(java.util.Locale.ROOT));
            }
            tone = b.tone();
            root.getStyleClass().add("tone-" + tone.name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
