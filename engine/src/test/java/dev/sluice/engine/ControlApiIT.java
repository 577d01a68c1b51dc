package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.control.ControlJson;
import dev.sluice.api.control.RemoteEngineControl;
import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestPorts;
import dev.sluice.testing.TestStores;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class ControlApiIT {

    private static HttpResponse<String> put(URI base, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/control/knobs"))
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return Http.send(b.build());
    }

    @Test
    void knob_changes_show_in_the_next_snapshot_and_invalid_ones_change_nothing() {
        Stores stores = TestStores.freshDatabase("control_knobs");
        try (Engine engine = TestEngines.started(TestEngines.config("control_stream"), stores)) {
            URI api = engine.apiUri();
            HttpResponse<String> ok = put(
                    api, "{\"workers\":3,\"batchSize\":250,\"flushIntervalMs\":20,\"mode\":\"stream-insert\"}", null);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            Knobs expected = new Knobs(3, 250, Duration.ofMillis(20), dev.sluice.api.IngestMode.STREAM_INSERT, false);
            assertThat(ControlJson.readKnobs(ok.body())).isEqualTo(expected);
            long seqAtChange = engine.snapshot() == null ? 0 : engine.snapshot().seq();
            Await.until("next snapshot shows the knobs", Duration.ofSeconds(10), () -> {
                HttpResponse<String> r = Http.get(api, "/control/snapshot");
                MetricsSnapshot s = ControlJson.readSnapshot(r.body());
                return s.seq() > seqAtChange
                        && s.knobs().equals(expected)
                        && s.workers().count() == 3;
            });

            for (String bad : List.of(
                    "{\"workers\":0}",
                    "{\"workers\":\"many\"}",
                    "{\"mode\":\"fast\"}",
                    "{\"bogus\":1}",
                    "{\"flushIntervalMs\":60000}",
                    "[1]",
                    "not json")) {
                HttpResponse<String> r = put(api, bad, null);
                assertThat(r.statusCode()).as(bad).isEqualTo(400);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            }
            assertThat(engine.knobs()).isEqualTo(expected);
            assertThat(ControlJson.readKnobs(Http.get(api, "/control/knobs").body()))
                    .isEqualTo(expected);

            HttpResponse<String> high = put(api, "{\"highWater\":5000}", null);
            assertThat(high.statusCode()).as(high.body()).isEqualTo(200);
            assertThat(ControlJson.readKnobs(high.body()))
                    .as("a lone high mark brings its low mark along, as --high-water does")
                    .isEqualTo(expected.withWaterMarks(5000, 3750));
            assertThat(ControlJson.readHistory(Http.get(api, "/control/history").body()))
                    .isNotEmpty();
        }
    }

    @Test
    void two_clients_changing_different_knobs_at_once_both_take_effect() throws Exception {
        Stores stores = TestStores.freshDatabase("control_concurrent");
        try (Engine engine = TestEngines.started(TestEngines.config("concurrent_stream"), stores);
                RemoteEngineControl a = RemoteEngineControl.attach(engine.apiUri(), null);
                RemoteEngineControl b = RemoteEngineControl.attach(engine.apiUri(), null)) {
            int rounds = 20;
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService clients = Executors.newFixedThreadPool(2);
            try {
                // each round both clients send their change at the same moment: one the workers, the other the batch
                // size
                Future<Knobs> workers = clients.submit(() -> changeEachRound(
                        together, rounds, i -> a.update(KnobsChange.none().withWorkers(i))));
                Future<Knobs> batches = clients.submit(() -> changeEachRound(
                        together, rounds, i -> b.update(KnobsChange.none().withBatchSize(100 + i))));
                assertThat(workers.get(60, TimeUnit.SECONDS).workers()).isEqualTo(rounds);
                assertThat(batches.get(60, TimeUnit.SECONDS).batchSize()).isEqualTo(100 + rounds);
            } finally {
                clients.shutdownNow();
            }
            Knobs now = a.knobs();
            assertThat(now.workers()).as("a's last change").isEqualTo(rounds);
            assertThat(now.batchSize()).as("b's last change").isEqualTo(100 + rounds);
            assertThat(b.knobs()).isEqualTo(now);
            assertThat(engine.knobs()).isEqualTo(now);
        }
    }

    private static Knobs changeEachRound(CyclicBarrier together, int rounds, IntFunction<Knobs> change)
            throws Exception {
        Knobs last = null;
        for (int i = 1; i <= rounds; i++) {
            together.await(30, TimeUnit.SECONDS);
            last = change.apply(i);
        }
        return last;
    }

    @Test
    void the_engine_lists_its_load_profiles() {
        Stores stores = TestStores.freshDatabase("control_profiles");
        try (Engine engine = TestEngines.started(TestEngines.config("profiles_stream"), stores);
                RemoteEngineControl remote = RemoteEngineControl.attach(engine.apiUri(), null)) {
            assertThat(engine.profiles())
                    .containsExactly("realistic", "stress", "firehose", "read-mix", "queue", "items");
            assertThat(remote.profiles()).isEqualTo(engine.profiles());
        }
    }

    @Test
    void a_token_guards_every_control_route_but_not_ingest() {
        Stores stores = TestStores.freshDatabase("control_token");
        EngineConfig config = TestEngines.config("token_stream");
        config = config.withControl(config.control().withToken("s3cret-token"));
        try (Engine engine = TestEngines.started(config, stores)) {
            URI api = engine.apiUri();
            Knobs before = engine.knobs();
            assertThat(Http.get(api, "/control/snapshot").statusCode()).isEqualTo(401);
            assertThat(put(api, "{\"workers\":2}", null).statusCode()).isEqualTo(401);
            HttpResponse<String> wrong = put(api, "{\"workers\":2}", "wrong-token");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(ControlJson.problemDetail(wrong.body())).contains("wrong");
            assertThat(engine.knobs()).isEqualTo(before);
            assertThat(put(api, "{\"workers\":2}", "s3cret-token").statusCode()).isEqualTo(200);
            assertThat(engine.knobs().workers()).isEqualTo(2);
            assertThat(Http.post(api, "/write", "{\"open\":true}").statusCode()).isEqualTo(202);
            assertThat(Http.get(api, "/metrics").statusCode()).isEqualTo(200);

            try (RemoteEngineControl remote = RemoteEngineControl.attach(api, "s3cret-token")) {
                Await.until("remote sees snapshots", Duration.ofSeconds(10), () -> remote.snapshot() != null);
                assertThat(remote.connected()).isTrue();
            }
            try (RemoteEngineControl noToken = RemoteEngineControl.attach(api, null)) {
                assertThatThrownBy(() -> noToken.update(KnobsChange.none().withWorkers(3)))
                        .hasMessageContaining("401");
            }
        }
    }

    @Test
    void sse_delivers_ticks_in_order_to_two_clients_and_a_dropped_client_costs_nothing() throws Exception {
        Stores stores = TestStores.freshDatabase("control_sse");
        try (Engine engine = TestEngines.started(TestEngines.config("sse_stream"), stores);
                RemoteEngineControl a = RemoteEngineControl.attach(engine.apiUri(), null);
                RemoteEngineControl b = RemoteEngineControl.attach(engine.apiUri(), null)) {
            List<Long> seqA = new CopyOnWriteArrayList<>();
            List<Long> seqB = new CopyOnWriteArrayList<>();
            a.subscribe(s -> seqA.add(s.seq()));
            b.subscribe(s -> seqB.add(s.seq()));

            // a third client connects, reads one event, and vanishes without a goodbye
            HttpClient raw = HttpClient.newHttpClient();
            HttpResponse<InputStream> dropped = raw.send(
                    HttpRequest.newBuilder(engine.apiUri().resolve("/control/stream"))
                            .header("Accept", "text/event-stream")
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(dropped.statusCode()).isEqualTo(200);
            assertThat(dropped.body().read()).isNotEqualTo(-1);
            dropped.body().close();

            Await.until(
                    "both clients saw 10 ticks", Duration.ofSeconds(20), () -> seqA.size() >= 10 && seqB.size() >= 10);
            for (List<Long> seqs : List.of(seqA, seqB)) {
                for (int i = 1; i < seqs.size(); i++) {
                    assertThat(seqs.get(i)).isGreaterThan(seqs.get(i - 1));
                }
            }
            assertThat(Http.post(engine.apiUri(), "/write", "{\"still\":\"fine\"}")
                            .statusCode())
                    .isEqualTo(202);
            assertThat(a.update(KnobsChange.none().withWorkers(5)).workers()).isEqualTo(5);
            Await.until(
                    "b sees a's change",
                    Duration.ofSeconds(10),
                    () -> b.snapshot().knobs().workers() == 5);
        }
    }

    @Test
    void remote_client_reconnects_when_the_engine_restarts() throws Exception {
        Stores stores = TestStores.freshDatabase("control_reconnect");
        int port = TestPorts.free();
        EngineConfig config = TestEngines.config("reconnect_stream");
        config = config.withApi(config.api().withPort(port));
        Engine first = TestEngines.started(config, stores);
        try (RemoteEngineControl remote = RemoteEngineControl.attach(first.apiUri(), null)) {
            Await.until("connected", Duration.ofSeconds(10), () -> remote.connected() && remote.snapshot() != null);
            first.stop(Duration.ofSeconds(10));
            Await.until("shows disconnected", Duration.ofSeconds(10), () -> !remote.connected());
            assertThatThrownBy(() -> remote.update(KnobsChange.none().withWorkers(3)))
                    .hasMessageContaining("unreachable");
            java.time.Instant restart = java.time.Instant.now();
            try (Engine second = TestEngines.started(config, stores)) {
                Await.until(
                        "reconnected to the new engine",
                        Duration.ofSeconds(30),
                        () -> remote.connected() && remote.snapshot().at().isAfter(restart));
                assertThat(remote.update(KnobsChange.none().withBatchSize(77)).batchSize())
                        .isEqualTo(77);
                assertThat(second.knobs().batchSize()).isEqualTo(77);
            }
        }
    }
}
