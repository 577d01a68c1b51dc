package dev.sluice.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.loadgen.api.LoadGenerator;
import dev.sluice.loadgen.api.LoadPlan;
import dev.sluice.loadgen.api.LoadReport;
import dev.sluice.loadgen.api.LoadState;
import dev.sluice.loadgen.api.LoadTick;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClosedModelIT {
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(8);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private LoadPlan.Builder plan(String profile) {
        return LoadPlan.builder(server.uri()).profile(profile).connections(8).ioThreads(2);
    }

    static LoadReport run(LoadPlan plan) {
        try (LoadGenerator g = LoadGenerators.create()) {
            g.start(plan);
            return g.result();
        }
    }

    @Test
    void closed_run_of_k_requests_lands_exactly_k_on_the_server() {
        LoadReport r = run(plan("firehose")
                .users(8)
                .requestLimit(700)
                .duration(Duration.ofSeconds(30))
                .build());

        assertThat(r.requests()).isEqualTo(700);
        assertThat(r.okRequests()).isEqualTo(700);
        assertThat(server.writes.get()).isEqualTo(r.okRequests());
        assertThat(server.events.get()).isEqualTo(r.events()).isEqualTo(700);
        assertThat(server.badBodies.get()).isZero();
        assertThat(r.errors().total()).as(r.errorSummary()).isZero();
        assertThat(r.statusCounts()).containsEntry(202, 700L);
        assertThat(r.loadDuration()).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void stress_sends_batches_of_200_events() {
        LoadReport r = run(plan("stress").users(4).requestLimit(20).build());

        assertThat(server.writes.get()).isEqualTo(20);
        assertThat(server.events.get()).isEqualTo(r.events()).isEqualTo(4000);
        assertThat(r.eventsPerRequest().min()).isEqualTo(200);
        assertThat(r.eventsPerRequest().max()).isEqualTo(200);
    }

    @Test
    void realistic_batches_fall_in_5_to_15_and_think_time_in_1_to_3_seconds() {
        LoadReport r =
                run(plan("realistic").users(40).duration(Duration.ofSeconds(7)).build());

        assertThat(r.okRequests()).isGreaterThan(60);
        assertThat(r.eventsPerRequest().min()).isGreaterThanOrEqualTo(5);
        assertThat(r.eventsPerRequest().max()).isLessThanOrEqualTo(15);
        assertThat(r.eventsPerRequest().mean()).isBetween(8.0, 12.0);
        assertThat(server.events.get()).isEqualTo(r.events());
        // measured pauses, not the drawn ones: scheduling may add a few milliseconds, never take any
        assertThat(r.thinkMillis().count()).isGreaterThan(20);
        assertThat(r.thinkMillis().min()).isGreaterThanOrEqualTo(1000);
        assertThat(r.thinkMillis().max()).isLessThanOrEqualTo(3000 + 200);
        // 40 users thinking ~2 s each offer ~20 requests/s
        assertThat(r.requestsPerSec()).isBetween(8.0, 30.0);
    }

    @Test
    void users_change_live_and_the_ticks_show_it() throws Exception {
        List<LoadTick> ticks = new CopyOnWriteArrayList<>();
        server.delay(Duration.ofMillis(20));
        try (LoadGenerator g = LoadGenerators.create()) {
            g.subscribe(ticks::add);
            g.start(plan("firehose").users(2).duration(Duration.ofSeconds(5)).build());
            await("1 load tick(s)").atMost(Duration.ofSeconds(15)).until(() -> ticks.size() >= 1);
            g.setUsers(6);
            assertThat(g.users()).isEqualTo(6);
            await("3 load tick(s)").atMost(Duration.ofSeconds(15)).until(() -> ticks.size() >= 3);
            g.stop();
            LoadReport r = g.result();
            assertThat(g.state()).isEqualTo(LoadState.FINISHED);
            assertThat(r.stoppedEarly()).isTrue();
        }
        assertThat(ticks.get(0).users()).isEqualTo(2);
        assertThat(ticks.get(0).inFlight()).isLessThanOrEqualTo(2);
        LoadTick later = ticks.get(2);
        assertThat(later.users()).isEqualTo(6);
        // 6 users against a 20 ms endpoint: roughly 3x the first second's rate
        assertThat(later.requestsPerSec()).isGreaterThan(ticks.get(0).requestsPerSec() * 1.8);
    }
}
