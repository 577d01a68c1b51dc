package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.MetricsSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotInboxTest {

    @Test
    void nothing_comes_out_before_the_history_is_in_then_everything_in_time_order() {
        SnapshotInbox inbox = new SnapshotInbox(100);
        inbox.accept(Snapshots.tick(5).build());
        assertThat(inbox.drain()).isEmpty();
        inbox.prefill(List.of(
                Snapshots.tick(3).build(),
                Snapshots.tick(4).build(),
                Snapshots.tick(5).build()));
        assertThat(inbox.drain()).extracting(MetricsSnapshot::seq).containsExactly(3L, 4L, 5L, 5L);
        inbox.accept(Snapshots.tick(6).build());
        inbox.accept(Snapshots.tick(7).build());
        assertThat(inbox.drain()).extracting(MetricsSnapshot::seq).containsExactly(6L, 7L);
        assertThat(inbox.drain()).isEmpty();
    }

    @Test
    void a_stalled_ui_loses_the_oldest_ticks_not_memory() {
        SnapshotInbox inbox = new SnapshotInbox(3);
        inbox.prefill(List.of());
        for (int i = 1; i <= 10; i++) {
            inbox.accept(Snapshots.tick(i).build());
        }
        assertThat(inbox.drain()).extracting(MetricsSnapshot::seq).containsExactly(8L, 9L, 10L);
    }

    @Test
    void the_event_log_hands_out_only_what_is_new() {
        EventLog log = new EventLog(java.time.Clock.systemUTC());
        log.info("a");
        long seen = log.added();
        log.error("b");
        log.info("c");
        assertThat(log.since(seen)).extracting(EventLog.Entry::text).containsExactly("b", "c");
        for (int i = 0; i < EventLog.CAPACITY + 10; i++) {
            log.info("x" + i);
        }
        assertThat(log.entries()).hasSize(EventLog.CAPACITY);
        assertThat(log.since(0)).hasSize(EventLog.CAPACITY);
    }
}
