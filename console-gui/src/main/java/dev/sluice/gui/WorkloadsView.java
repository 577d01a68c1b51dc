package dev.sluice.gui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The workloads tab: the queue workload (depth, rates, latency and the deepest channels with a
 * bar each) beside the items workload (rates, cache hit ratio, read latency, rows, backlog).
 * Every figure is a label with a stable id ({@code queue-depth}, {@code items-hit-ratio}, ...).
 *
 * <p>Concurrency: UI thread only.
 */
final class WorkloadsView {
    static final int CHANNELS = 5;

    private final ScrollPane root;
    private final Label queueNote = note("queue-note");
    private final Label depth = value("queue-depth");
    private final Label enqueued = value("queue-enqueued");
    private final Label consumed = value("queue-consumed");
    private final Label empty = value("queue-empty");
    private final Label enqueueLatency = value("queue-enqueue-latency");
    private final Label consumeLatency = value("queue-consume-latency");
    private final Label queueErrors = value("queue-errors");
    private final Label noChannels = note("queue-no-channels");
    private final List<Label> channelNames = new ArrayList<>();
    private final List<Label> channelDepths = new ArrayList<>();
    private final List<ProgressBar> channelBars = new ArrayList<>();
    private final Label itemsNote = note("items-note");
    private final Label posted = value("items-posted");
    private final Label landed = value("items-landed");
    private final Label pageReads = value("items-page-reads");
    private final Label itemReads = value("items-item-reads");
    private final Label hitRatio = value("items-hit-ratio");
    private final Label hits = value("items-hits");
    private final Label readLatency = value("items-read-latency");
    private final Label rows = value("items-rows");
    private final Label backlog = value("items-backlog");
    private final Label itemsErrors = value("items-errors");

    WorkloadsView() {
        GridPane queue = grid(
                List.of(
                        "Depth",
                        "Enqueued",
                        "Consumed",
                        "Empty answers",
                        "Enqueue latency",
                        "Consume latency",
                        "Errors"),
                List.of(depth, enqueued, consumed, empty, enqueueLatency, consumeLatency, queueErrors));
        GridPane channels = new GridPane();
        channels.setId("queue-channels");
        channels.setHgap(8);
        channels.setVgap(2);
        for (int i = 0; i < CHANNELS; i++) {
            Label name = value("queue-channel-" + i);
            Label d = value("queue-channel-depth-" + i);
            ProgressBar bar = new ProgressBar(0);
            bar.setId("queue-channel-bar-" + i);
            bar.setPrefWidth(180);
            channelNames.add(name);
            channelDepths.add(d);
            channelBars.add(bar);
            channels.addRow(i, name, d, bar);
        }
        Label channelsTitle = new Label("Deepest channels");
        channelsTitle.getStyleClass().add("status-name");
        VBox queueBox = section(
                "Queue · POST /message, GET /queue/{channel}", queueNote, queue, channelsTitle, noChannels, channels);

        GridPane items = grid(
                List.of(
                        "Posted",
                        "Landed",
                        "Page reads",
                        "Item reads",
                        "Cache hit ratio",
                        "Cache hits",
                        "Read latency",
                        "Rows",
                        "Backlog",
                        "Errors"),
                List.of(posted, landed, pageReads, itemReads, hitRatio, hits, readLatency, rows, backlog, itemsErrors));
        VBox itemsBox = section("Items · POST /items, GET /items (cached pages)", itemsNote, items);

        HBox both = new HBox(32, queueBox, itemsBox);
        HBox.setHgrow(queueBox, Priority.ALWAYS);
        HBox.setHgrow(itemsBox, Priority.ALWAYS);
        both.setPadding(new Insets(10));
        root = new ScrollPane(both);
        root.setId("workloads");
        root.setFitToWidth(true);
    }

    private static VBox section(String title, Node... children) {
        Label t = new Label(title);
        t.getStyleClass().add("panel-title");
        VBox box = new VBox(6, t);
        box.getChildren().addAll(children);
        return box;
    }

    private static GridPane grid(List<String> names, List<Label> values) {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(2);
        for (int i = 0; i < names.size(); i++) {
            Label name = new Label(names.get(i));
            name.getStyleClass().add("status-name");
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            grid.addRow(i, name, values.get(i));
        }
        return grid;
    }

    private static Label value(String id) {
        Label l = new Label("-");
        l.setId(id);
        return l;
    }

    private static Label note(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("status-name");
        return l;
    }

    Node node() {
        return root;
    }

    void show(WorkloadsModel.Queue q, WorkloadsModel.Items it) {
        shown(queueNote, q.note());
        depth.setText(q.depth());
        enqueued.setText(q.enqueued());
        consumed.setText(q.consumed());
        empty.setText(q.empty());
        enqueueLatency.setText(q.enqueueLatency());
        consumeLatency.setText(q.consumeLatency());
        queueErrors.setText(q.errors());
        alarm(queueErrors, q.failing());
        shown(noChannels, q.note().isEmpty() && q.channels().isEmpty() ? "none waiting" : "");
        for (int i = 0; i < CHANNELS; i++) {
            boolean on = i < q.channels().size();
            WorkloadsModel.Channel c = on ? q.channels().get(i) : null;
            channelNames.get(i).setText(on ? c.name() : "");
            channelDepths.get(i).setText(on ? c.depth() : "");
            channelBars.get(i).setProgress(on ? c.share() : 0);
            for (Node n : List.of(channelNames.get(i), channelDepths.get(i), channelBars.get(i))) {
                n.setVisible(on);
                n.setManaged(on);
            }
        }
        shown(itemsNote, it.note());
        posted.setText(it.posted());
        landed.setText(it.landed());
        pageReads.setText(it.pageReads());
        itemReads.setText(it.itemReads());
        hitRatio.setText(it.hitRatio());
        hits.setText(it.hits());
        readLatency.setText(it.readLatency());
        rows.setText(it.rows());
        backlog.setText(it.backlog());
        itemsErrors.setText(it.errors());
        alarm(itemsErrors, it.failing());
    }

    private static void shown(Label label, String text) {
        label.setText(text);
        label.setVisible(!text.isEmpty());
        label.setManaged(!text.isEmpty());
    }

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
