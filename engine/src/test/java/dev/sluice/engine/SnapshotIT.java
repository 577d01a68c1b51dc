package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KnobsChange;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestStores;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SnapshotIT {

    @Test
    void totals_agree_with_what_was_posted_and_lag_returns_to_zero() throws Exception {
        Stores stores = TestStores.freshDatabase("snapshot_truth");
        try (Engine engine = TestEngines.started(TestEngines.config("truth_stream"), stores)) {
            for (int i = 0; i < 40; i++) {
                assertThat(Http.post(engine.apiUri(), "/write", RestartIT.batch(i * 25, 25))
                                .statusCode())
                        .isEqualTo(202);
            }
            assertThat(Http.post(engine.apiUri(), "/write", "[1]").statusCode()).isEqualTo(400);
            Await.until("everything committed and acknowledged", Duration.ofSeconds(30), () -> {
                MetricsSnapshot s = engine.snapshot();
                return s != null
                        && s.totals().rowsCommitted() == 1000
                        && s.stream().backlog() == 0
                        && s.stream().pending() == 0;
            });
            MetricsSnapshot s = engine.snapshot();
            assertThat(s.totals().eventsAccepted()).isEqualTo(1000);
            assertThat(s.totals().writeRequests()).isEqualTo(41);
            assertThat(s.totals().requestsRejected()).isEqualTo(1);
            assertThat(s.errors()).containsEntry("http_4xx", 1L);
            assertThat(s.stream().lag()).isZero();
            assertThat(s.workers().count()).isEqualTo(10);
            assertThat(s.stores().postgresKind()).isEqualTo("embedded");
            assertThat(s.knobs()).isEqualTo(engine.knobs());
            Await.until(
                    "row estimate catches up",
                    Duration.ofSeconds(30),
                    () -> engine.snapshot().pool().logsRowsEstimate() == 1000);

            List<MetricsSnapshot> history = engine.history();
            assertThat(history).isNotEmpty();
            for (int i = 1; i < history.size(); i++) {
                assertThat(history.get(i).seq()).isEqualTo(history.get(i - 1).seq() + 1);
            }
            double acceptedPerTick = history.stream()
                    .mapToDouble(h -> h.api().eventsPerSec() * 0.2)
                    .sum();
            assertThat(acceptedPerTick).as("rates integrate back to the total").isBetween(900.0, 1100.0);
        }
    }

    @Test
    void pause_grows_the_backlog_by_what_was_posted_and_resume_drains_it() throws Exception {
        Stores stores = TestStores.freshDatabase("pause");
        EngineConfig config = TestEngines.config("pause_stream");
        // started paused: a pause set live lets a worker's read already waiting on Redis (up to
        // 200 ms) deliver what arrives meanwhile, and this test counts every entry
        try (Engine engine = TestEngines.started(config.withKnobs(config.knobs().withPaused(true)), stores)) {
            Await.until(
                    "snapshot shows paused",
                    Duration.ofSeconds(10),
                    () -> engine.snapshot().knobs().paused());
            for (int i = 0; i < 12; i++) {
                assertThat(Http.post(engine.apiUri(), "/write", RestartIT.batch(i * 50, 50))
                                .statusCode())
                        .isEqualTo(202);
            }
            Await.until("backlog and lag show the 600 posted", Duration.ofSeconds(10), () -> {
                MetricsSnapshot s = engine.snapshot();
                return s.stream().backlog() == 600
                        && s.stream().lag() == 600
                        && s.stream().pending() == 0;
            });
            assertThat(engine.snapshot().totals().rowsCommitted()).isZero();

            List<MetricsSnapshot> seen = new CopyOnWriteArrayList<>();
            try (AutoCloseable sub = engine.subscribe(seen::add)) {
                engine.update(KnobsChange.none().withPaused(false));
                Await.until("backlog drained", Duration.ofSeconds(30), () -> {
                    MetricsSnapshot s = engine.snapshot();
                    return s.stream().backlog() == 0 && s.totals().rowsCommitted() == 600;
                });
            }
            assertThat(seen).isNotEmpty();
            assertThat(seen.stream()
                            .mapToDouble(s -> s.workers().rowsPerSec())
                            .max()
                            .orElse(0))
                    .isGreaterThan(0);
        }
    }
}
