package dev.sluice.api.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.EngineState;
import dev.sluice.api.IngestMode;
import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.LoadStatus;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.ApiStats;
import dev.sluice.api.MetricsSnapshot.Latency;
import dev.sluice.api.MetricsSnapshot.PoolStats;
import dev.sluice.api.MetricsSnapshot.StoreInfo;
import dev.sluice.api.MetricsSnapshot.StreamStats;
import dev.sluice.api.MetricsSnapshot.Totals;
import dev.sluice.api.MetricsSnapshot.WorkerStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlJsonTest {

    private static JsonNode json(String s) throws Exception {
        return ControlJson.mapper().readTree(s);
    }

    @Test
    void knobs_travel_with_readable_names_and_units() {
        Knobs k = new Knobs(7, 300, Duration.ofMillis(25), IngestMode.STREAM_INSERT, true);
        String text = ControlJson.write(k);
        assertThat(text)
                .isEqualTo(
                        "{\"workers\":7,\"batchSize\":300,\"flushIntervalMs\":25,\"mode\":\"stream-insert\",\"paused\":true,"
                                + "\"highWater\":1000000,\"lowWater\":750000}");
        assertThat(ControlJson.readKnobs(text)).isEqualTo(k);
    }

    @Test
    void a_change_travels_as_only_the_fields_it_changes() {
        KnobsChange change = KnobsChange.none().withBatchSize(42).withPaused(true);
        String text = ControlJson.write(change);
        assertThat(text).isEqualTo("{\"batchSize\":42,\"paused\":true}");
        assertThat(ControlJson.readKnobsChange(text)).isEqualTo(change);
        assertThat(Knobs.defaults().with(ControlJson.readKnobsChange(text)))
                .isEqualTo(Knobs.defaults().withBatchSize(42).withPaused(true));
        assertThat(ControlJson.write(KnobsChange.none())).isEqualTo("{}");
    }

    @Test
    void every_knob_round_trips_as_a_change() {
        KnobsChange all = new KnobsChange(3, 200, Duration.ofMillis(7), IngestMode.DIRECT_INSERT, false, 5000, 2000);
        assertThat(ControlJson.readKnobsChange(ControlJson.write(all))).isEqualTo(all);
    }

    @Test
    void an_intake_part_round_trips() {
        MetricsSnapshot s = new MetricsSnapshot(
                9,
                Instant.parse("2026-11-22T10:00:00Z"),
                EngineState.RUNNING,
                1234,
                Knobs.defaults(),
                new StoreInfo("postgresql://h/db", "external", "redis://h", "external"),
                new ApiStats(10, 100, 9, 1, 0, 0, Latency.NONE),
                new StreamStats(5, 2, 3, 0),
                new WorkerStats(10, 1, 0.5, 100, 2, 50, 0.5, Latency.NONE),
                new PoolStats(1, 2, 0, 1000),
                new Totals(10, 100, 90, 1, 0),
                Map.of(),
                null,
                new MetricsSnapshot.IntakeStats(
                        dev.sluice.api.IntakeState.THROTTLING, 5000, 2000, 12.5, 40, 123_000_000, 1L << 30),
                null);
        String text = ControlJson.write(s);
        assertThat(text).contains("\"state\":\"throttling\"");
        assertThat(ControlJson.readSnapshot(text)).isEqualTo(s);
    }

    @Test
    void the_queue_and_items_parts_round_trip_and_an_older_engine_reads_as_none() {
        MetricsSnapshot base = new MetricsSnapshot(
                9,
                Instant.parse("2026-11-22T10:00:00Z"),
                EngineState.RUNNING,
                1234,
                Knobs.defaults(),
                new StoreInfo("postgresql://h/db", "external", "redis://h", "external"),
                new ApiStats(10, 100, 9, 1, 0, 0, Latency.NONE),
                new StreamStats(5, 2, 3, 0),
                new WorkerStats(10, 1, 0.5, 100, 2, 50, 0.5, Latency.NONE),
                new PoolStats(1, 2, 0, 1000),
                new Totals(10, 100, 90, 1, 0),
                Map.of(),
                null,
                null,
                null);
        MetricsSnapshot.QueueStats queue = new MetricsSnapshot.QueueStats(
                42,
                java.util.List.of(
                        new MetricsSnapshot.ChannelDepth("jobs", 40), new MetricsSnapshot.ChannelDepth("mail", 2)),
                1200.5,
                1100,
                3,
                new Latency(800, 2500, 4000, 9000),
                new Latency(700, 2000, 3000, 8000),
                50_000,
                49_958,
                4,
                1);
        MetricsSnapshot.ItemsStats items = new MetricsSnapshot.ItemsStats(
                50,
                20_000,
                10,
                0.97,
                new Latency(300, 900, 1500, 5000),
                49,
                5_000,
                4_990,
                190_000,
                200_000,
                10,
                4_990,
                2,
                0);
        MetricsSnapshot s = new MetricsSnapshot(
                base.seq(),
                base.at(),
                base.state(),
                base.uptimeMillis(),
                base.knobs(),
                base.stores(),
                base.api(),
                base.stream(),
                base.workers(),
                base.pool(),
                base.totals(),
                base.errors(),
                base.load(),
                base.intake(),
                base.health(),
                queue,
                items,
                null);
        String text = ControlJson.write(s);
        assertThat(text).contains("\"topChannels\":[{\"channel\":\"jobs\",\"depth\":40}");
        assertThat(ControlJson.readSnapshot(text)).isEqualTo(s);

        MetricsSnapshot.ClusterStats cluster = new MetricsSnapshot.ClusterStats(
                "app1-3f9a1c",
                java.util.List.of(
                        new MetricsSnapshot.NodeStats(
                                "app1-3f9a1c", "http://app1:8080", EngineState.RUNNING, 10, 100, 90, 10, 3, 200, true),
                        new MetricsSnapshot.NodeStats(
                                "app2-77c2d0",
                                "http://app2:8080",
                                EngineState.DEGRADED,
                                5,
                                50,
                                40,
                                8,
                                -1,
                                900,
                                false)));
        MetricsSnapshot clustered = new MetricsSnapshot(
                s.seq(),
                s.at(),
                s.state(),
                s.uptimeMillis(),
                s.knobs(),
                s.stores(),
                s.api(),
                s.stream(),
                s.workers(),
                s.pool(),
                s.totals(),
                s.errors(),
                s.load(),
                s.intake(),
                s.health(),
                s.queue(),
                s.items(),
                cluster);
        String withNodes = ControlJson.write(clustered);
        assertThat(withNodes).contains("\"cluster\":{\"node\":\"app1-3f9a1c\",\"nodes\":[{\"id\":\"app1-3f9a1c\"");
        assertThat(ControlJson.readSnapshot(withNodes)).isEqualTo(clustered);
        assertThat(ControlJson.readSnapshot(text).cluster())
                .as("an engine without nodes reads as none")
                .isEqualTo(MetricsSnapshot.ClusterStats.NONE);

        String older = ControlJson.write(base).replaceAll(",\"queue\":\\{.*", "}");
        MetricsSnapshot read = ControlJson.readSnapshot(older);
        assertThat(read.queue()).isEqualTo(MetricsSnapshot.QueueStats.NONE);
        assertThat(read.items()).isEqualTo(MetricsSnapshot.ItemsStats.NONE);
    }

    @Test
    void bad_changes_name_the_field() {
        assertThatThrownBy(() -> ControlJson.readKnobsChange(json("{\"workers\":1.5}")))
                .hasMessageContaining("workers");
        assertThatThrownBy(() -> ControlJson.readKnobsChange(json("{\"paused\":\"yes\"}")))
                .hasMessageContaining("paused");
        assertThatThrownBy(() -> ControlJson.readKnobsChange(json("{\"speed\":1}")))
                .hasMessageContaining("unknown knob 'speed'");
        assertThatThrownBy(() -> ControlJson.readKnobsChange(json("{\"mode\":\"fast\"}")))
                .hasMessageContaining("ingest mode");
        assertThatThrownBy(() -> ControlJson.readKnobsChange(json("3"))).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> ControlJson.readKnobsChange("{")).hasMessageStartingWith("knobs must be JSON");
    }

    @Test
    void a_snapshot_round_trips() {
        MetricsSnapshot s = new MetricsSnapshot(
                9,
                Instant.parse("2026-11-22T10:00:00Z"),
                EngineState.RUNNING,
                1234,
                Knobs.defaults(),
                new StoreInfo("postgresql://h/db", "external", "redis://h", "external"),
                new ApiStats(10, 100, 9, 1, 0, 0, new Latency(1, 2, 3, 4)),
                new StreamStats(5, 2, 3, 0),
                new WorkerStats(10, 1, 0.5, 100, 2, 50, 0.5, new Latency(5, 6, 7, 8)),
                new PoolStats(1, 2, 0, 1000),
                new Totals(10, 100, 90, 1, 0),
                Map.of("http_4xx", 1L),
                new LoadStatus(
                        true,
                        LoadSpec.open("firehose", 2000).withDuration(Duration.ofSeconds(30)),
                        1500,
                        1990.5,
                        1990.5,
                        800,
                        1200,
                        0,
                        3,
                        "timeout"),
                null,
                null);
        assertThat(ControlJson.readSnapshot(ControlJson.write(s))).isEqualTo(s);
    }

    @Test
    void a_degraded_snapshot_round_trips_with_store_health() {
        MetricsSnapshot.Health health = new MetricsSnapshot.Health(
                new MetricsSnapshot.StoreHealth(
                        false, Instant.parse("2026-11-22T09:59:55Z"), 1, 3200, "did not answer for 4.2 s"),
                new MetricsSnapshot.StoreHealth(true, Instant.parse("2026-11-22T09:00:00Z"), 0, -1, ""),
                List.of("postgres"));
        MetricsSnapshot s = new MetricsSnapshot(
                9,
                Instant.parse("2026-11-22T10:00:00Z"),
                EngineState.DEGRADED,
                1234,
                Knobs.defaults(),
                new StoreInfo("postgresql://h/db", "embedded", "redis://h", "embedded"),
                new ApiStats(10, 100, 9, 1, 0, 0, Latency.NONE),
                new StreamStats(5, 2, 3, 0),
                new WorkerStats(10, 1, 0.5, 100, 2, 50, 0.5, Latency.NONE),
                new PoolStats(1, 2, 0, 1000),
                new Totals(10, 100, 90, 1, 0),
                Map.of(),
                LoadStatus.IDLE,
                null,
                health);
        MetricsSnapshot back = ControlJson.readSnapshot(ControlJson.write(s));
        assertThat(back).isEqualTo(s);
        assertThat(back.health().degradedBy()).containsExactly("postgres");
    }

    @Test
    void a_snapshot_from_an_engine_without_health_reads_as_unknown_health() {
        String json = ControlJson.write(new MetricsSnapshot(
                        1,
                        Instant.parse("2026-11-22T10:00:00Z"),
                        EngineState.RUNNING,
                        1,
                        Knobs.defaults(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Map.of(),
                        LoadStatus.IDLE,
                        null,
                        null))
                .replace(",\"health\":", ",\"ignored\":");
        assertThat(ControlJson.readSnapshot(json).health()).isEqualTo(MetricsSnapshot.Health.UNKNOWN);
    }
}
