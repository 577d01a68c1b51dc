package dev.sluice.engine;

import static dev.sluice.engine.testing.Answers.assertProblem;
import static dev.sluice.engine.testing.Answers.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.MetricsSnapshot.ChannelDepth;
import dev.sluice.api.MetricsSnapshot.QueueStats;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestStores;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The seed-003 queue over real HTTP on real PostgreSQL: every message handed out once, in order. */
class QueueIT {
    private static final int CHANNELS = 5;
    private static final int MESSAGES = 10_000;
    private static final int CONSUMERS = 8;

    @Test
    void eight_consumers_drain_ten_thousand_messages_over_five_channels_each_exactly_once_in_order() throws Exception {
        Stores stores = TestStores.freshDatabase("queue_drain");
        try (Engine engine = TestEngines.started(TestEngines.config("queue_drain"), stores)) {
            URI api = engine.apiUri();
            Map<Long, String> sent = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(CONSUMERS);
            try {
                List<Future<?>> producers = new ArrayList<>();
                for (int p = 0; p < CONSUMERS; p++) {
                    int producer = p;
                    producers.add(pool.submit(() -> {
                        for (int i = producer; i < MESSAGES; i += CONSUMERS) {
                            String channel = "ch-" + (i % CHANNELS);
                            String body = "{\"channel\":\"" + channel + "\",\"message\":{\"n\":" + i + "}}";
                            HttpResponse<String> r = Http.post(api, "/message", body);
                            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                            JsonNode answer = tree(r.body());
                            assertThat(answer.path("status").asText()).isEqualTo("Message inserted!");
                            assertThat(sent.put(answer.path("id").asLong(), channel + "/" + i))
                                    .as("an id answered twice")
                                    .isNull();
                        }
                    }));
                }
                for (Future<?> f : producers) {
                    f.get();
                }
                assertThat(sent).hasSize(MESSAGES);
                assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM queue_messages"))
                        .isEqualTo(MESSAGES);

                List<Future<List<JsonNode>>> consumers = new ArrayList<>();
                for (int c = 0; c < CONSUMERS; c++) {
                    consumers.add(pool.submit(() -> drain(api)));
                }
                Set<Long> seen = new HashSet<>();
                for (Future<List<JsonNode>> f : consumers) {
                    Map<String, Long> lastPerChannel = new HashMap<>();
                    for (JsonNode m : f.get()) {
                        long id = m.path("id").asLong();
                        String channel = m.path("channel").asText();
                        assertThat(seen.add(id))
                                .as("message %d handed out twice", id)
                                .isTrue();
                        assertThat(sent.get(id))
                                .as("message %d is the one that was sent", id)
                                .isEqualTo(channel + "/"
                                        + m.path("message").path("n").asLong());
                        Long last = lastPerChannel.put(channel, id);
                        assertThat(last == null || last < id)
                                .as("one consumer got %s's %d after %d", channel, id, last)
                                .isTrue();
                        assertThat(m.path("created_at").asText()).isNotEmpty();
                    }
                }
                assertThat(seen).isEqualTo(sent.keySet());
            } finally {
                pool.shutdownNow();
            }
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM queue_messages"))
                    .isZero();
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM queue_archive"))
                    .isEqualTo(MESSAGES);
            assertThat(Db.count(
                            stores.postgres(),
                            "SELECT count(*) FROM queue_archive WHERE consumed_at IS NULL OR consumed_at < created_at"))
                    .as("every archived message says when it was consumed")
                    .isZero();
            assertThat(Http.get(api, "/channels").statusCode()).isEqualTo(204);
            Await.until(
                    () -> "the snapshot's queue shows it all: "
                            + engine.snapshot().queue(),
                    Duration.ofSeconds(30),
                    () -> {
                        QueueStats q = engine.snapshot().queue();
                        return q.enqueuedTotal() == MESSAGES && q.consumedTotal() == MESSAGES && q.depth() == 0;
                    });
            String metrics = Http.get(api, "/metrics").body();
            assertThat(metrics)
                    .contains("sluice_queue_enqueued_total " + MESSAGES + ".0")
                    .contains("sluice_queue_consumed_total " + MESSAGES + ".0")
                    .contains("sluice_queue_depth 0.0");
        }
    }

    /** Consumes round-robin over the channels until every one answers 204. */
    private static List<JsonNode> drain(URI api) {
        List<JsonNode> got = new ArrayList<>();
        Set<Integer> empty = new HashSet<>();
        for (int i = 0; empty.size() < CHANNELS; i = (i + 1) % CHANNELS) {
            if (empty.contains(i)) {
                continue;
            }
            HttpResponse<String> r = Http.get(api, "/queue/ch-" + i);
            if (r.statusCode() == 204) {
                empty.add(i);
                continue;
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            got.add(tree(r.body()));
        }
        return got;
    }

    @Test
    void every_status_code_of_the_queue_routes() {
        Stores stores = TestStores.freshDatabase("queue_codes");
        try (Engine engine = TestEngines.started(TestEngines.config("queue_codes"), stores)) {
            URI api = engine.apiUri();
            assertThat(Http.get(api, "/channels").statusCode()).isEqualTo(204);
            assertThat(Http.get(api, "/queue/jobs").statusCode()).isEqualTo(204);
            assertThat(Http.get(api, "/messages?channel=jobs").statusCode()).isEqualTo(204);

            for (int i = 0; i < 310; i++) {
                if (i == 300) {
                    Await.until(
                            () -> "jobs is the deepest channel: "
                                    + engine.snapshot().queue(),
                            Duration.ofSeconds(30),
                            () -> engine.snapshot()
                                    .queue()
                                    .topChannels()
                                    .equals(List.of(new ChannelDepth("jobs", 300))));
                }
                HttpResponse<String> r =
                        Http.post(api, "/message", "{\"channel\":\"jobs\",\"message\":{\"i\":" + i + "}}");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            }
            long mailId = tree(Http.post(api, "/message", "{\"channel\":\"mail.out_2\",\"message\":{}}")
                            .body())
                    .path("id")
                    .asLong();

            assertThat(tree(Http.get(api, "/channels").body()).toString())
                    .isEqualTo("[{\"channel\":\"jobs\"},{\"channel\":\"mail.out_2\"}]");
            JsonNode page = tree(Http.get(api, "/messages?channel=jobs").body());
            assertThat(page.size()).as("limit defaults to 25").isEqualTo(25);
            assertThat(page.get(0).path("message").path("i").asInt()).isZero();
            assertThat(tree(Http.get(api, "/messages?channel=jobs&limit=1000").body())
                            .size())
                    .as("limit is capped at 300")
                    .isEqualTo(300);
            JsonNode offset = tree(
                    Http.get(api, "/messages?channel=jobs&offset=305&limit=10").body());
            assertThat(offset.size()).isEqualTo(5);
            assertThat(offset.get(0).path("message").path("i").asInt()).isEqualTo(305);
            assertThat(Http.get(api, "/messages?channel=jobs&offset=310").statusCode())
                    .isEqualTo(204);
            assertProblem(Http.get(api, "/messages?channel=jobs&limit=-1"), 400, "limit");
            assertProblem(Http.get(api, "/messages?channel=jobs&offset=-1"), 400, "offset");
            assertProblem(Http.get(api, "/messages?channel=jobs&limit=ten"), 400, "limit");
            assertProblem(Http.get(api, "/messages?channel=no%20spaces"), 400, "channel");
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM queue_messages"))
                    .as("peeking consumes nothing")
                    .isEqualTo(311);

            HttpResponse<String> first = Http.get(api, "/queue/jobs");
            assertThat(first.statusCode()).isEqualTo(200);
            JsonNode m = tree(first.body());
            assertThat(m.path("channel").asText()).isEqualTo("jobs");
            assertThat(m.path("message").toString()).isEqualTo("{\"i\":0}");
            HttpResponse<String> mail = Http.get(api, "/queue/mail.out_2");
            assertThat(mail.statusCode()).isEqualTo(200);
            assertThat(tree(mail.body()).path("id").asLong())
                    .as("an id answered 201 is consumable at once")
                    .isEqualTo(mailId);
            assertThat(Http.get(api, "/queue/mail.out_2").statusCode()).isEqualTo(204);
            for (int i = 0; i < 100; i++) {
                long id = tree(Http.post(api, "/message", "{\"channel\":\"ryw\",\"message\":{\"i\":" + i + "}}")
                                .body())
                        .path("id")
                        .asLong();
                HttpResponse<String> next = Http.get(api, "/queue/ryw");
                assertThat(next.statusCode())
                        .as("the message answered 201 just now")
                        .isEqualTo(200);
                assertThat(tree(next.body()).path("id").asLong()).isEqualTo(id);
            }
            assertProblem(Http.get(api, "/queue/" + "x".repeat(65)), 400, "channel");
            assertProblem(Http.get(api, "/queue/a%24b"), 400, "channel");

            assertProblem(Http.post(api, "/message", "{\"message\":{}}"), 400, "channel");
            assertProblem(Http.post(api, "/message", "{\"channel\":\"jobs\"}"), 400, "message");
            assertProblem(Http.post(api, "/message", "{\"channel\":7,\"message\":{}}"), 400, "channel");
            assertProblem(Http.post(api, "/message", "{\"channel\":\"\",\"message\":{}}"), 400, "channel");
            assertProblem(Http.post(api, "/message", "{\"channel\":\"a b\",\"message\":{}}"), 400, "channel");
            assertProblem(Http.post(api, "/message", "{\"channel\":\"jobs\",\"message\":[1]}"), 400, "message");
            assertProblem(Http.post(api, "/message", "{\"channel\":\"jobs\",\"message\":\"hi\"}"), 400, "message");
            assertProblem(
                    Http.post(api, "/message", "{\"channel\":\"jobs\",\"message\":{\"a\":\"\\u0000\"}}"),
                    400,
                    "message");
            assertProblem(Http.post(api, "/message", "{\"channel\":\"jobs\",\"message\":{"), 400, "JSON");
            assertProblem(Http.post(api, "/message", "[]"), 400, "object");
            assertProblem(Http.post(api, "/message", "{\"channel\":\"jobs\",\"message\":{}}", "text/plain"), 415, "");
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM queue_messages"))
                    .as("no refused message was stored")
                    .isEqualTo(309);
        }
    }

    @Test
    void get_messages_without_a_channel_reads_the_log_and_takes_limit_as_n() {
        Stores stores = TestStores.freshDatabase("queue_logpath");
        try (Engine engine = TestEngines.started(TestEngines.config("queue_logpath"), stores)) {
            URI api = engine.apiUri();
            HttpResponse<String> w = Http.post(api, "/write", "[{\"k\":1},{\"k\":2},{\"k\":3},{\"k\":4}]");
            assertThat(w.statusCode()).as(w.body()).isEqualTo(202);
            Await.until(
                    "4 log rows",
                    Duration.ofSeconds(30),
                    () -> Db.count(stores.postgres(), "SELECT count(*) FROM logs") == 4);

            assertThat(tree(Http.get(api, "/messages?limit=2").body()).size()).isEqualTo(2);
            assertThat(tree(Http.get(api, "/messages?n=3").body()).size()).isEqualTo(3);
            assertThat(tree(Http.get(api, "/messages?n=3&limit=3").body()).size())
                    .isEqualTo(3);
            assertProblem(Http.get(api, "/messages?n=3&limit=2"), 400, "limit");
        }
    }

    @Test
    void database_unavailable_is_503_with_retry_after_and_the_queue_recovers() {
        Stores stores = TestStores.freshDatabase("queue_down");
        try (Engine engine = TestEngines.started(TestEngines.config("queue_down"), stores)) {
            URI api = engine.apiUri();
            String body = "{\"channel\":\"jobs\",\"message\":{\"k\":1}}";
            assertThat(Http.post(api, "/message", body).statusCode()).isEqualTo(201);
            String db = databaseName(stores.postgres());
            PostgresEndpoint admin = maintenance(stores.postgres());
            Db.execute(admin, "ALTER DATABASE \"" + db + "\" ALLOW_CONNECTIONS false");
            try {
                Db.execute(
                        admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db + "'");
                HttpResponse<String> down = Http.post(api, "/message", body);
                assertProblem(down, 503, "PostgreSQL");
                assertThat(down.headers().firstValue("Retry-After")).isPresent();
                assertProblem(Http.get(api, "/queue/jobs"), 503, "PostgreSQL");
            } finally {
                Db.execute(admin, "ALTER DATABASE \"" + db + "\" ALLOW_CONNECTIONS true");
            }
            HttpResponse<String> back = Http.post(api, "/message", body);
            assertThat(back.statusCode()).as(back.body()).isEqualTo(201);
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM queue_messages"))
                    .as("the message before and the one after; the refused ones were not stored")
                    .isEqualTo(2);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = Http.get(api, "/queue/jobs");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                ids.add(tree(r.body()).path("id").asLong());
            }
            assertThat(ids)
                    .as("both, oldest first, after the failed consume")
                    .isSorted()
                    .doesNotHaveDuplicates();
            assertThat(Http.get(api, "/queue/jobs").statusCode()).isEqualTo(204);
        }
    }

    private static String databaseName(PostgresEndpoint pg) {
        String url = pg.jdbcUrl();
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static PostgresEndpoint maintenance(PostgresEndpoint pg) {
        String url = pg.jdbcUrl();
        int at = url.lastIndexOf('/' + databaseName(pg));
        String rest = url.substring(at + 1 + databaseName(pg).length());
        return new PostgresEndpoint(url.substring(0, at) + "/postgres" + rest, pg.user(), pg.password(), pg.kind());
    }
}
