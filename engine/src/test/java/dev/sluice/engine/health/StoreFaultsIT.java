package dev.sluice.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.EngineState;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.engine.Engine;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.EmbeddedStores;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.stores.Processes;
import dev.sluice.stores.RedisSettings;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real store processes killed or paused under load, on an engine with embedded stores of its
 * own (a temporary data directory, never the shared test stores). Each test holds the rows in
 * {@code logs} against the events the writers were answered 202 for.
 */
class StoreFaultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    // kept when a test fails: postgres.log and the pid files tell what happened
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void redis_killed_under_load_is_restarted_and_every_202_lands_once() throws Exception {
        // not the default limit, so the test sees whether the restarted Redis got the user's settings
        RedisSettings settings = new RedisSettings(256L << 20, RedisSettings.Fsync.ALWAYS, false);
        try (Stack s = Stack.start(dir, "kill_redis", settings);
                Writers w = new Writers(s.engine.apiUri(), 2)) {
            Await.until("1,000 events accepted", Duration.ofSeconds(30), () -> w.acceptedCount() >= 1_000);
            long pid = pidFile(dir.resolve("redis").resolve(EmbeddedStores.REDIS_PID_FILE));
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            long t0 = System.nanoTime();

            Await.until("Redis restarted by the engine", Duration.ofSeconds(30), () -> s.stores.restarts("redis") == 1);
            assertThat(pidFile(dir.resolve("redis").resolve(EmbeddedStores.REDIS_PID_FILE)))
                    .isNotEqualTo(pid);
            try (var redis = TestEngines.redis(s.stores)) {
                // Redis 6.2 takes one parameter per CONFIG GET
                Map<String, String> config = new TreeMap<>(redis.sync().configGet("maxmemory"));
                config.putAll(redis.sync().configGet("appendfsync"));
                assertThat(config)
                        .as("the restarted Redis runs with the settings the stores were started with")
                        .containsEntry("maxmemory", Long.toString(256L << 20))
                        .containsEntry("appendfsync", "always");
            }
            Await.until("health says Redis is back", Duration.ofSeconds(30), () -> recovered(s.engine, "redis"));
            int before = w.acceptedCount();
            Await.until("writes accepted again", Duration.ofSeconds(30), () -> w.acceptedCount() >= before + 1_000);
            System.out.printf(
                    "redis kill: restarted and accepting again after %d ms; recovery reported %d ms; outcomes %s%n",
                    (System.nanoTime() - t0) / 1_000_000,
                    s.engine.snapshot().health().redis().lastRecoveryMillis(),
                    w.outcomes());
            w.close();

            assertThat(s.states)
                    .as("engine states seen by a subscriber")
                    .containsSubsequence(EngineState.RUNNING, EngineState.DEGRADED, EngineState.RUNNING);
            assertEveryAcceptedLandsOnce(s, w);
        }
    }

    @Test
    void postgres_killed_under_load_is_restarted_and_every_202_lands_once() throws Exception {
        try (Stack s = Stack.start(dir, "kill_pg");
                Writers w = new Writers(s.engine.apiUri(), 2)) {
            Await.until("1,000 events accepted", Duration.ofSeconds(30), () -> w.acceptedCount() >= 1_000);
            long pid = pidFile(dir.resolve("postgres").resolve("postmaster.pid"));
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            long t0 = System.nanoTime();

            Await.until(
                    "PostgreSQL restarted by the engine",
                    Duration.ofSeconds(45),
                    () -> s.stores.restarts("postgres") == 1);
            Await.until(
                    "health says PostgreSQL is back", Duration.ofSeconds(30), () -> recovered(s.engine, "postgres"));
            long restartedMillis = (System.nanoTime() - t0) / 1_000_000;
            int before = w.acceptedCount();
            Await.until("more events accepted", Duration.ofSeconds(30), () -> w.acceptedCount() >= before + 1_000);
            System.out.printf(
                    "postgres kill: restarted after %d ms; recovery reported %d ms; outcomes %s%n",
                    restartedMillis, s.engine.snapshot().health().postgres().lastRecoveryMillis(), w.outcomes());
            w.close();

            assertThat(s.states)
                    .as("engine states seen by a subscriber")
                    .containsSubsequence(EngineState.RUNNING, EngineState.DEGRADED, EngineState.RUNNING);
            assertEveryAcceptedLandsOnce(s, w);
        }
    }

    @Test
    void postgres_paused_ten_seconds_loses_nothing_and_ready_answers_within_a_second_throughout() throws Exception {
        // The bound is 1 s; the client allows 1.5 s so a loaded 2-core CI machine does not fail a
        // call that the engine answered in time. A call that times out fails the test.
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(1_500))
                .build();
        List<Long> pids = new ArrayList<>();
        try (Stack s = Stack.start(dir, "pause_pg");
                Writers w = new Writers(s.engine.apiUri(), 2)) {
            Await.until("1,000 events accepted", Duration.ofSeconds(30), () -> w.acceptedCount() >= 1_000);
            long postmaster = pidFile(dir.resolve("postgres").resolve("postmaster.pid"));
            pids.add(postmaster);
            ProcessHandle.of(postmaster).orElseThrow().children().forEach(c -> pids.add(c.pid()));
            pids.forEach(p -> Processes.signal(p, "STOP"));
            long t0 = System.nanoTime();
            List<String> calls = new ArrayList<>();
            List<String> late = new ArrayList<>();
            Set<Integer> statusesAfterTwoSeconds = new HashSet<>();
            String lastDetail = "";
            while (System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos()) {
                long c0 = System.nanoTime();
                HttpRequest ready = HttpRequest.newBuilder(s.engine.apiUri().resolve("/ready"))
                        .timeout(Duration.ofMillis(1_500))
                        .GET()
                        .build();
                try {
                    HttpResponse<String> r = client.send(ready, HttpResponse.BodyHandlers.ofString());
                    long millis = (System.nanoTime() - c0) / 1_000_000;
                    calls.add(r.statusCode() + " in " + millis + " ms");
                    if (c0 - t0 > Duration.ofSeconds(2).toNanos()) {
                        statusesAfterTwoSeconds.add(r.statusCode());
                        lastDetail = r.statusCode() == 503
                                ? JSON.readTree(r.body()).path("detail").asText()
                                : r.body();
                    }
                } catch (HttpTimeoutException e) {
                    late.add("no answer within 1.5 s at " + (c0 - t0) / 1_000_000 + " ms into the pause");
                }
                Thread.sleep(100); // a monitoring system's polling interval, not a wait for an outcome
            }
            assertThat(s.engine.snapshot().state())
                    .as("state while PostgreSQL is paused")
                    .isEqualTo(EngineState.DEGRADED);
            assertThat(s.engine.snapshot().health().degradedBy()).containsExactly("postgres");
            pids.forEach(p -> Processes.signal(p, "CONT"));
            pids.clear();

            assertThat(late)
                    .as("every GET /ready answered while PostgreSQL was paused; calls: %s", calls)
                    .isEmpty();
            assertThat(statusesAfterTwoSeconds)
                    .as("GET /ready from 2 s into the pause on; calls: %s", calls)
                    .containsExactly(503);
            assertThat(lastDetail).startsWith("not ready: postgres did not answer for ");

            Await.until(
                    "health says PostgreSQL is back", Duration.ofSeconds(30), () -> recovered(s.engine, "postgres"));
            long recovery = s.engine.snapshot().health().postgres().lastRecoveryMillis();
            System.out.printf(
                    "postgres pause: recovery reported %d ms; /ready calls %s; outcomes %s%n",
                    recovery, calls, w.outcomes());
            assertThat(recovery)
                    .as("reported recovery time (ms) of a 10 s pause")
                    .isGreaterThanOrEqualTo(8_000);
            assertThat(s.stores.restarts("postgres"))
                    .as("a paused PostgreSQL is alive: no restart")
                    .isZero();
            int before = w.acceptedCount();
            Await.until("more events accepted", Duration.ofSeconds(30), () -> w.acceptedCount() >= before + 1_000);
            w.close();
            assertEveryAcceptedLandsOnce(s, w);
        } finally {
            pids.forEach(p -> Processes.signal(p, "CONT"));
        }
    }

    /** The engine reports the store up again after an outage it measured. */
    private static boolean recovered(Engine engine, String store) {
        MetricsSnapshot s = engine.snapshot();
        MetricsSnapshot.StoreHealth h =
                store.equals("redis") ? s.health().redis() : s.health().postgres();
        return h.up() && h.lastRecoveryMillis() >= 0 && s.state() == EngineState.RUNNING;
    }

    private static void assertEveryAcceptedLandsOnce(Stack s, Writers w) {
        PostgresEndpoint pg = s.stores.postgres();
        Await.until("backlog drained and every accepted event in logs", Duration.ofSeconds(60), () -> {
            MetricsSnapshot snap = s.engine.snapshot();
            return snap.stream().backlog() == 0 && Db.count(pg, "SELECT count(*) FROM logs") >= w.acceptedCount();
        });
        long rows = Db.count(pg, "SELECT count(*) FROM logs");
        List<Integer> seqs = Db.query(pg, "SELECT (event->>'seq')::int FROM logs", rs -> rs.getInt(1));
        Map<Integer, Long> perSeq =
                seqs.stream().collect(Collectors.groupingBy(q -> q, TreeMap::new, Collectors.counting()));
        Map<Integer, Long> twice = new TreeMap<>();
        perSeq.forEach((q, n) -> {
            if (n > 1) {
                twice.put(q, n);
            }
        });
        Set<Integer> missing = new HashSet<>(w.accepted());
        missing.removeAll(perSeq.keySet());
        // An event whose answer said its outcome is unknown (the write reached Redis, which died
        // before confirming it) may land, once; one refused with "stored":"none" must not.
        Map<Integer, String> notAccepted = new TreeMap<>();
        perSeq.keySet().stream()
                .filter(q ->
                        !w.accepted().contains(q) && !outcomeUnknown(w.refused().get(q)))
                .forEach(q -> notAccepted.put(q, w.refused().get(q)));
        long unknownLanded =
                perSeq.keySet().stream().filter(q -> !w.accepted().contains(q)).count() - notAccepted.size();
        assertThat(missing)
                .as("accepted (202) events missing from logs; writer outcomes %s", w.outcomes())
                .isEmpty();
        assertThat(twice)
                .as("seqs in logs more than once (seq=copies) of %d rows", rows)
                .isEmpty();
        assertThat(notAccepted)
                .as("rows for events refused as not stored (seq=answer they got); writer outcomes %s", w.outcomes())
                .isEmpty();
        assertThat(rows)
                .as("rows in logs = events answered 202 + events of unknown outcome that landed (%d)", unknownLanded)
                .isEqualTo(w.acceptedCount() + unknownLanded);
        System.out.printf(
                "rows %d: %d answered 202, %d of unknown outcome that landed; writer outcomes %s%n",
                rows, w.acceptedCount(), unknownLanded, w.outcomes());
    }

    /** A refusal that told the client its events may be stored, or no answer at all. */
    private static boolean outcomeUnknown(String answer) {
        return answer != null && (answer.endsWith("stored=unknown") || !Character.isDigit(answer.charAt(0)));
    }

    private static long pidFile(Path file) throws java.io.IOException {
        return Long.parseLong(
                Files.readAllLines(file, StandardCharsets.UTF_8).get(0).trim());
    }

    /** Stores of the test's own, and an engine on them; states seen by a subscriber, without repeats. */
    private static final class Stack implements AutoCloseable {
        final EmbeddedStores stores;
        final Engine engine;
        final List<EngineState> states = new CopyOnWriteArrayList<>();

        private Stack(EmbeddedStores stores, Engine engine) {
            this.stores = stores;
            this.engine = engine;
        }

        static Stack start(Path dir, String stream) throws Exception {
            return start(dir, stream, RedisSettings.defaults());
        }

        static Stack start(Path dir, String stream, RedisSettings settings) throws Exception {
            EmbeddedStores stores = EmbeddedStores.start(dir, settings);
            try {
                Stack s = new Stack(stores, TestEngines.started(TestEngines.config(stream), stores));
                s.engine.subscribe(snap -> {
                    if (s.states.isEmpty() || s.states.get(s.states.size() - 1) != snap.state()) {
                        s.states.add(snap.state());
                    }
                });
                return s;
            } catch (RuntimeException e) {
                stores.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                engine.stop(Duration.ofSeconds(10));
            } finally {
                stores.close();
            }
        }
    }
}
