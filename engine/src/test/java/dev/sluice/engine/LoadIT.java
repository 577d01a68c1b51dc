package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.LoadReportFiles;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.LoadStatus;
import dev.sluice.api.control.ControlJson;
import dev.sluice.api.control.RemoteEngineControl;
import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.loadgen.LoadGenerators;
import dev.sluice.loadgen.api.LoadGenerator;
import dev.sluice.loadgen.api.LoadPlan;
import dev.sluice.loadgen.api.LoadReport;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestStores;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadIT {

    @Test
    void a_closed_run_of_k_requests_lands_exactly_what_the_generator_counted_as_success() {
        Stores stores = TestStores.freshDatabase("load_closed");
        try (Engine engine = TestEngines.started(TestEngines.config("load_closed_stream"), stores);
                LoadGenerator generator = LoadGenerators.create()) {
            generator.start(LoadPlan.builder(engine.apiUri())
                    .profile("stress")
                    .users(8)
                    .requestLimit(300)
                    .duration(Duration.ofMinutes(2))
                    .seed(7)
                    .build());
            LoadReport report = generator.result();
            assertThat(report.requests()).isEqualTo(300);
            assertThat(report.okRequests()).isEqualTo(300);
            assertThat(report.events()).isEqualTo(300L * 200);

            Await.until(
                    "rows landed",
                    Duration.ofSeconds(60),
                    () -> engine.snapshot().totals().rowsCommitted() == report.events()
                            && engine.snapshot().stream().backlog() == 0);
            assertThat(engine.snapshot().totals().eventsAccepted()).isEqualTo(report.events());
            assertThat(engine.snapshot().totals().writeRequests()).isEqualTo(report.okRequests());
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs")).isEqualTo(report.events());
        }
    }

    @Test
    void with_an_ingest_token_the_in_engine_load_carries_it_and_its_writes_land() {
        Stores stores = TestStores.freshDatabase("load_token");
        EngineConfig base = TestEngines.config("load_token_stream");
        EngineConfig config = base.withControl(base.control().withIngestToken("ingest-token-for-load-it"));
        try (Engine engine = TestEngines.started(config, stores);
                RemoteEngineControl remote = RemoteEngineControl.attach(engine.apiUri(), null)) {
            assertThat(Http.post(engine.apiUri(), "/write", "{\"anonymous\":1}").statusCode())
                    .as("the engine does refuse writes without the token")
                    .isEqualTo(401);

            remote.startLoad(LoadSpec.open("firehose", 200));
            Await.until("the in-engine load's events in logs", Duration.ofSeconds(60), () -> {
                LoadStatus l = engine.snapshot().load();
                assertThat(l.errorsTotal())
                        .as("load errors while running (last: %s)", l.lastError())
                        .isZero();
                return Db.count(stores.postgres(), "SELECT count(*) FROM logs") >= 200;
            });
            remote.stopLoad();
            Await.until(
                    "load stopped",
                    Duration.ofSeconds(20),
                    () -> !engine.snapshot().load().running());

            LoadStatus load = engine.snapshot().load();
            assertThat(load.errorsTotal())
                    .as("load errors (last: %s)", load.lastError())
                    .isZero();
            String summary = new String(
                    engine.lastLoadReport().orElseThrow().files().get("summary.json"), StandardCharsets.UTF_8);
            assertThat(summary).as(summary).contains("\"status\" : 0");
            everyAcceptedEventLands(engine, stores);
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs WHERE event->>'anonymous' IS NOT NULL"))
                    .isZero();
        }
    }

    @Test
    void load_started_through_the_control_api_shows_in_snapshots_moves_live_and_stops() {
        Stores stores = TestStores.freshDatabase("load_control");
        try (Engine engine = TestEngines.started(TestEngines.config("load_control_stream"), stores);
                RemoteEngineControl remote = RemoteEngineControl.attach(engine.apiUri(), null)) {
            HttpResponse<String> none =
                    Http.send(HttpRequest.newBuilder(engine.apiUri().resolve("/control/load/report"))
                            .GET()
                            .build());
            assertThat(none.statusCode()).isEqualTo(404);
            assertThat(ControlJson.problemDetail(none.body())).contains("no load has finished");
            assertThat(remote.lastLoadReport()).isEmpty();

            remote.startLoad(LoadSpec.open("firehose", 200));
            Await.until("the load shows in snapshots", Duration.ofSeconds(20), () -> {
                LoadStatus l = engine.snapshot().load();
                return l.running() && l.requestsPerSec() > 50;
            });
            assertThat(engine.snapshot().api().requestsPerSec()).isPositive();

            remote.startLoad(LoadSpec.open("firehose", 400)); // the slider: same profile and model
            Await.until(
                    "target rate moved",
                    Duration.ofSeconds(10),
                    () -> engine.snapshot().load().spec().rate() == 400);

            HttpResponse<String> stop =
                    Http.send(HttpRequest.newBuilder(engine.apiUri().resolve("/control/load"))
                            .DELETE()
                            .build());
            assertThat(stop.statusCode()).isEqualTo(200);
            Await.until(
                    "load stopped",
                    Duration.ofSeconds(20),
                    () -> !engine.snapshot().load().running());
            everyAcceptedEventLands(engine, stores);

            // the stopped run's report, the files ./sluice loadgen --report writes, reaches a remote client whole
            LoadReportFiles report = remote.lastLoadReport().orElseThrow();
            assertThat(report.description()).isEqualTo("firehose at 400 req/s");
            assertThat(report.files())
                    .containsKeys("ticks.csv", "summary.json", "requests.png", "latency.png", "report.html");
            var local = engine.lastLoadReport().orElseThrow().files();
            assertThat(report.files().keySet()).containsExactlyElementsOf(local.keySet());
            local.forEach((name, bytes) ->
                    assertThat(report.files().get(name)).as(name).isEqualTo(bytes));
            String summary = new String(report.files().get("summary.json"), StandardCharsets.UTF_8);
            assertThat(summary).contains("\"profile\" : \"firehose\"");
            HttpResponse<String> zip =
                    Http.send(HttpRequest.newBuilder(engine.apiUri().resolve("/control/load/report"))
                            .GET()
                            .build());
            assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");

            assertThatThrownBy(() -> remote.startLoad(LoadSpec.open("no-such-profile", 10)))
                    .hasMessageContaining("unknown profile");
            HttpResponse<String> bad =
                    Http.post(engine.apiUri(), "/control/load", "{\"profile\":\"firehose\",\"model\":\"sideways\"}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(ControlJson.problemDetail(bad.body())).contains("model");
            assertThat(engine.snapshot().load().running()).isFalse();
        }
    }

    /**
     * Rows in {@code logs} reach the engine's accepted total, read again on every poll: a request
     * the generator had in flight when it stopped is still answered, and counted, a tick later.
     */
    private static void everyAcceptedEventLands(Engine engine, Stores stores) {
        Await.until(
                () -> "every accepted event in logs: rows " + Db.count(stores.postgres(), "SELECT count(*) FROM logs")
                        + ", accepted " + engine.snapshot().totals().eventsAccepted(),
                Duration.ofSeconds(30),
                () -> Db.count(stores.postgres(), "SELECT count(*) FROM logs")
                        == engine.snapshot().totals().eventsAccepted());
    }
}
