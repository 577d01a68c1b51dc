package dev.sluice.gui;

import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;

/**
 * The event log: knob changes, loads, refusals, errors and connection changes, newest at the bottom.
 *
 * <p>Concurrency: UI thread only.
 */
final class EventLogView {
    private final ListView<EventLog.Entry> list = new ListView<>();
    private long seen;

    EventLogView() {
        list.setId("event-log");
        list.setPrefHeight(130);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(EventLog.Entry entry, boolean empty) {
                super.updateItem(entry, empty);
                setText(empty || entry == null ? null : entry.toString());
                getStyleClass().remove("reason");
                if (!empty && entry != null && entry.kind() == EventLog.Kind.ERROR) {
                    getStyleClass().add("reason");
                }
            }
        });
    }

    Node node() {
        return list;
    }

    /** Appends what the log gained since the last call, keeps the list capped, follows the end. */
    void sync(EventLog log) {
        if (log.added() == seen) {
            return;
        }
        list.getItems().addAll(log.since(seen));
        seen = log.added();
        int excess = list.getItems().size() - EventLog.CAPACITY;
        if (excess > 0) {
            list.getItems().remove(0, excess);
        }
        list.scrollTo(list.getItems().size() - 1);
    }
}
