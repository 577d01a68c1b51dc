package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.control.ControlJson;
import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.config.HttpLimits;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.SlowConnections;
import dev.sluice.testing.SlowConnections.Kind;
import dev.sluice.testing.TestStores;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile clients against a real engine with the default limits, except shorter header and idle
 * timeouts so the test is quick: 1,000 clients dribble their headers or their body at one byte a
 * second while ordinary clients write. The ordinary writes are answered 202 and land; the slow ones
 * are cut off within the documented bound. No latency is asserted; the bounds are deadlines with
 * generous slack, waited for as conditions.
 */
class SlowClientsIT {
    private static final int SLOW_EACH = 500;
    private static final int NORMAL_WRITES = 200;
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(4);
    /** Slack on a loaded 2-core machine; a server whose threads were parked would hold them far longer. */
    private static final Duration MARGIN = Duration.ofSeconds(15);

    private static Stores stores;
    private static Engine engine;

    @BeforeAll
    static void start() {
        stores = TestStores.freshDatabase("slow_clients");
        EngineConfig base = TestEngines.config("slow_clients_stream");
        HttpLimits limits =
                HttpLimits.defaults().withHeaderTimeout(HEADER_TIMEOUT).withIdleTimeout(IDLE_TIMEOUT);
        engine = TestEngines.started(base.withApi(base.api().withLimits(limits)), stores);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void a_thousand_slow_clients_are_cut_off_while_normal_writes_land() throws Exception {
        SlowConnections slow = new SlowConnections();
        try {
            slow.open(engine.apiUri(), Kind.HEADERS, SLOW_EACH);
            slow.open(engine.apiUri(), Kind.BODY, SLOW_EACH);
            // bound: headers by the header timeout plus one sweep (1 s); a 1 B/s body fails the
            // 500 B/s rate at its first bytes after the first second
            Duration bound = HEADER_TIMEOUT.plusSeconds(1);
            long deadline = System.nanoTime() + bound.plus(MARGIN).toNanos();
            CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> feed(slow, deadline));

            Map<Integer, Integer> statuses = new TreeMap<>();
            for (int i = 0; i < NORMAL_WRITES; i++) {
                statuses.merge(
                        Http.post(engine.apiUri(), "/write", "{\"normal\":" + i + "}")
                                .statusCode(),
                        1,
                        Integer::sum);
            }
            assertThat(statuses)
                    .as("statuses of the normal writes, made while the slow clients held their connections")
                    .isEqualTo(Map.of(202, NORMAL_WRITES));
            Await.until(
                    "the normal writes landed",
                    Duration.ofSeconds(30),
                    () -> Db.count(stores.postgres(), "SELECT count(DISTINCT event->>'normal') FROM logs")
                            == NORMAL_WRITES);

            feeding.get();
            System.out.printf(
                    "slow clients: %s; longest held: headers %.1f s, body %.1f s%n",
                    slow.summary(), slow.maxHeldSeconds(Kind.HEADERS), slow.maxHeldSeconds(Kind.BODY));
            Map<Kind, Map<String, Integer>> seen = slow.summary();
            assertThat(slow.outcomes())
                    .as(
                            "slow clients not answered 408 or closed within %s of their start: %s",
                            bound.plus(MARGIN), seen)
                    .allSatisfy(c ->
                            assertThat(c.cut() ? c.outcome() : "still open").isIn("408", "close"));
            // a close can win only when the client's next byte crosses the server's 408 (a reset)
            assertThat(seen.get(Kind.HEADERS))
                    .as("what the header-dribbling clients saw")
                    .containsKey("408");
            assertThat(seen.get(Kind.BODY))
                    .as("what the body-dribbling clients saw")
                    .containsKey("408");
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs WHERE event ? 'normal'"))
                    .as("rows of the normal writes; the slow bodies never complete")
                    .isEqualTo(NORMAL_WRITES);
            long headersCut = seen.get(Kind.HEADERS).getOrDefault("408", 0);
            Await.until(
                    "the snapshot counts the header cuts the clients saw (" + headersCut + ")",
                    Duration.ofSeconds(10),
                    () -> engine.snapshot().errors().getOrDefault("http_408_slow_headers", 0L) >= headersCut);
        } finally {
            slow.closeAll();
        }
    }

    @Test
    void a_body_that_stops_arriving_gets_408_after_the_idle_timeout() throws Exception {
        SlowConnections stalled = new SlowConnections();
        try {
            stalled.open(engine.apiUri(), Kind.STALLED_BODY, 20);
            stalled.run(System.nanoTime() + IDLE_TIMEOUT.plus(MARGIN).toNanos());
            assertThat(stalled.summary())
                    .as("what a client that stopped after its first body byte saw within %s", IDLE_TIMEOUT.plus(MARGIN))
                    .containsEntry(Kind.STALLED_BODY, Map.of("408", 20));
        } finally {
            stalled.closeAll();
        }
    }

    @Test
    void headers_over_the_size_limit_get_431() {
        HttpResponse<String> r =
                Http.send(HttpRequest.newBuilder(engine.apiUri().resolve("/write"))
                        .header("Content-Type", "application/json")
                        .header("X-Pad", "p".repeat(10_000))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"big_header\":1}"))
                        .build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(431);
        assertThat(r.headers().firstValue("Content-Type")).as(r.body()).hasValue("application/problem+json");
        assertThat(ControlJson.problemDetail(r.body()))
                .isEqualTo("request line and headers are over the 8192-byte limit (--max-header)");
    }

    @Test
    void a_malformed_request_line_gets_400_as_problem_json() throws Exception {
        String answer = rawExchange("NOT A REQUEST LINE AT ALL\r\n\r\n");
        assertThat(answer)
                .as(answer)
                .startsWith("HTTP/1.1 400 ")
                .containsIgnoringCase("Content-Type: application/problem+json")
                .contains("\"detail\":\"the request could not be read as HTTP: ")
                .doesNotContain("<h1>");
    }

    @Test
    void errors_from_javalin_stay_problem_json_with_a_path() {
        HttpResponse<String> r =
                Http.send(HttpRequest.newBuilder(engine.apiUri().resolve("/write"))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(415);
        assertThat(r.headers().firstValue("Content-Type")).as(r.body()).hasValue("application/problem+json");
        assertThat(r.body()).contains("\"instance\":\"/write\"");
    }

    /** Sends bytes no HTTP client library would send and reads the whole answer (Jetty closes after a bad message). */
    private String rawExchange(String request) throws Exception {
        try (Socket s = new Socket(engine.apiUri().getHost(), engine.apiUri().getPort())) {
            s.setSoTimeout((int) MARGIN.toMillis());
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void feed(SlowConnections slow, long deadlineNanos) {
        try {
            slow.run(deadlineNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
