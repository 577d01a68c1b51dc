package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.EngineState;
import dev.sluice.api.IngestMode;
import dev.sluice.api.Knobs;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.LoadStatus;
import dev.sluice.api.MetricsSnapshot;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class StatusModelTest {
    private final EventLog log = new EventLog(Clock.systemUTC());
    private final StatusModel model = new StatusModel(log, "embedded · http://127.0.0.1:8080");

    private java.util.List<String> texts() {
        return log.entries().stream().map(EventLog.Entry::text).toList();
    }

    @Test
    void labels_show_state_stores_uptime_and_totals() {
        StatusModel.Lines l =
                model.lines(Snapshots.tick(125).totals(1_234_567, 1_234_000, 3).build(), true);
        assertThat(l.state()).isEqualTo("RUNNING");
        assertThat(l.connection()).isEqualTo("connected · embedded · http://127.0.0.1:8080");
        assertThat(l.postgres()).isEqualTo("postgresql://postgres@127.0.0.1:5432/sluice (embedded)");
        assertThat(l.uptime()).isEqualTo("2m 05s");
        assertThat(l.accepted()).isEqualTo("1,234,567 events in 123,456 requests");
        assertThat(l.committed()).isEqualTo("1,234,000 rows");
        assertThat(l.deadLettered()).isEqualTo("3");
    }

    @Test
    void intake_line_shows_state_marks_and_redis_memory_and_throttling_is_logged() {
        var accepting = new dev.sluice.api.MetricsSnapshot.IntakeStats(
                dev.sluice.api.IntakeState.ACCEPTING, 1_000_000, 750_000, 0, 0, 123L << 20, 1L << 30);
        var throttling = new dev.sluice.api.MetricsSnapshot.IntakeStats(
                dev.sluice.api.IntakeState.THROTTLING, 1_000_000, 750_000, 40, 80, 900L << 20, 1L << 30);
        assertThat(model.lines(Snapshots.tick(1).intake(accepting).build(), true)
                        .intake())
                .isEqualTo("accepting · marks 1,000,000 / 750,000 · Redis 123 MB / 1.0 GB");
        assertThat(model.lines(Snapshots.tick(1).build(), true).intake())
                .as("an engine that reports no memory")
                .isEqualTo("accepting · marks 1,000,000 / 750,000");
        model.observe(Snapshots.tick(1).intake(accepting).build());
        model.observe(Snapshots.tick(2).intake(throttling).build());
        model.observe(Snapshots.tick(3).intake(accepting).build());
        assertThat(texts())
                .containsSubsequence(
                        "intake throttling: POST /write answers 429 (THROTTLING (429, 40.0/s) · marks 1,000,000 / 750,000 · Redis 900 MB / 1.0 GB)",
                        "intake accepting again (accepting · marks 1,000,000 / 750,000 · Redis 123 MB / 1.0 GB)");
    }

    @Test
    void before_the_first_snapshot_and_while_disconnected_it_says_so() {
        StatusModel.Lines l = model.lines(null, false);
        assertThat(l.state()).isEqualTo("waiting for the first snapshot");
        assertThat(l.connection()).startsWith("DISCONNECTED, reconnecting");
    }

    @Test
    void knob_changes_are_logged_whoever_made_them() {
        model.observe(Snapshots.tick(1).build());
        model.observe(Snapshots.tick(2)
                .knobs(Knobs.defaults().withWorkers(4).withMode(IngestMode.DIRECT_INSERT))
                .build());
        assertThat(texts()).containsSubsequence("workers 10 → 4", "ingest mode stream-copy → direct-insert");
    }

    @Test
    void loads_starting_and_stopping_are_logged() {
        LoadStatus running = new LoadStatus(true, LoadSpec.closed("firehose", 8), 5_000, 100, 100, 0, 0, 0, 0, null);
        model.observe(Snapshots.tick(1).build());
        model.observe(Snapshots.tick(2).load(running).build());
        model.observe(Snapshots.tick(3).build());
        assertThat(texts()).contains("load started: firehose, closed, 8 users", "load stopped after 5s, 0 errors");
    }

    @Test
    void new_errors_are_logged_as_errors_with_their_growth() {
        model.observe(Snapshots.tick(1).error("http_5xx", 2).build());
        model.observe(Snapshots.tick(2).error("http_5xx", 7).totals(0, 0, 1).build());
        assertThat(log.entries()).last().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventLog.Kind.ERROR);
            assertThat(e.text()).isEqualTo("errors: http_5xx +5, dead-lettered +1");
        });
    }

    @Test
    void losing_and_regaining_the_engine_is_logged_once_each() {
        model.observeConnection(true);
        model.observeConnection(false);
        model.observeConnection(false);
        model.observeConnection(true);
        assertThat(texts())
                .containsExactly(
                        "lost the engine at embedded · http://127.0.0.1:8080; reconnecting",
                        "reconnected to embedded · http://127.0.0.1:8080");
    }

    @Test
    void an_engine_not_up_yet_is_reported_then_connected_not_reconnected() {
        model.observeConnection(false);
        model.observeConnection(false);
        model.observeConnection(true);
        assertThat(texts())
                .containsExactly(
                        "engine at embedded · http://127.0.0.1:8080 not reachable yet; retrying",
                        "connected to embedded · http://127.0.0.1:8080");
    }

    @Test
    void a_store_outage_shows_in_the_labels_and_is_logged_down_then_back() {
        java.time.Instant t0 = Snapshots.T0;
        MetricsSnapshot.Health redisDown = new MetricsSnapshot.Health(
                MetricsSnapshot.StoreHealth.UNKNOWN,
                new MetricsSnapshot.StoreHealth(false, t0.plusSeconds(1), 0, -1, "did not answer for 1.0 s"),
                java.util.List.of("redis"));
        MetricsSnapshot.Health redisBack = new MetricsSnapshot.Health(
                MetricsSnapshot.StoreHealth.UNKNOWN,
                new MetricsSnapshot.StoreHealth(true, t0.plusSeconds(9), 1, 3_200, ""),
                java.util.List.of());
        model.observe(Snapshots.tick(1).build());
        MetricsSnapshot down =
                Snapshots.tick(8).state(EngineState.DEGRADED).health(redisDown).build();
        model.observe(down);
        model.observe(Snapshots.tick(9).health(redisBack).build());

        assertThat(model.lines(down, true).state()).isEqualTo("DEGRADED · redis down 7s");
        assertThat(model.lines(down, true).redis()).endsWith("(embedded) · down 7s");
        assertThat(model.lines(Snapshots.tick(9).health(redisBack).build(), true)
                        .redis())
                .endsWith("(embedded) · last outage 3.2 s, 1 restart");
        assertThat(texts())
                .containsSubsequence(
                        "engine RUNNING → DEGRADED",
                        "redis down: did not answer for 1.0 s",
                        "engine DEGRADED → RUNNING",
                        "redis back after 3.2 s (restarted by the engine)");
    }
}
