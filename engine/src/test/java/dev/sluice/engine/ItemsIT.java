package dev.sluice.engine;

import static dev.sluice.engine.testing.Answers.assertProblem;
import static dev.sluice.engine.testing.Answers.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.MetricsSnapshot.ItemsStats;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestStores;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The seed-004 items API over real HTTP: writes through the stream, pages through the Redis cache. */
class ItemsIT {

    @Test
    void a_posted_item_is_readable_with_wait_once_committed_and_bad_input_is_refused() {
        Stores stores = TestStores.freshDatabase("items_wait");
        try (Engine engine = TestEngines.started(TestEngines.config("items_wait"), stores)) {
            URI api = engine.apiUri();
            HttpResponse<String> posted = Http.post(api, "/items", "{\"name\":\"x\",\"description\":\"y\"}");
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            JsonNode answer = tree(posted.body());
            assertThat(answer.path("status").asText()).isEqualTo("queued");
            long id = answer.path("id").asLong();
            assertThat(id).isPositive();
            assertThat(posted.headers().firstValue("Location")).hasValue("/items/" + id);

            HttpResponse<String> got = Http.get(api, "/items/" + id + "?wait=10s");
            assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
            assertThat(got.body()).isEqualTo("{\"id\":" + id + ",\"name\":\"x\",\"description\":\"y\"}");
            assertThat(Db.strings(stores.postgres(), "SELECT name || '/' || description FROM items"))
                    .containsExactly("x/y");

            HttpResponse<String> noDescription = Http.post(api, "/items", "{\"name\":\"ünïcode ✓\"}");
            long second = tree(noDescription.body()).path("id").asLong();
            assertThat(tree(Http.get(api, "/items/" + second + "?wait=10s").body())
                            .path("description")
                            .isNull())
                    .isTrue();

            assertProblem(Http.get(api, "/items/999999"), 404, "?wait=");
            assertProblem(Http.get(api, "/items/999999?wait=100ms"), 404, "after waiting 100ms");
            assertProblem(Http.get(api, "/items/abc"), 400, "id");
            assertProblem(Http.get(api, "/items/0"), 400, "id");
            assertProblem(Http.get(api, "/items/1?wait=soon"), 400, "wait");
            assertProblem(Http.get(api, "/items?limit=-1"), 400, "limit");
            assertProblem(Http.get(api, "/items?offset=x"), 400, "offset");

            assertProblem(Http.post(api, "/items", "{\"description\":\"y\"}"), 400, "'name' is missing");
            assertProblem(Http.post(api, "/items", "{\"name\":\"\"}"), 400, "'name' must be 1 to 200");
            assertProblem(Http.post(api, "/items", "{\"name\":\"" + "n".repeat(201) + "\"}"), 400, "was 201");
            assertProblem(Http.post(api, "/items", "{\"name\":5}"), 400, "'name' must be a string, was a number");
            assertProblem(Http.post(api, "/items", "{\"name\":\"x\",\"description\":[]}"), 400, "'description'");
            assertProblem(Http.post(api, "/items", "{\"name\":\"x\\u0000\"}"), 400, "the item");
            assertProblem(Http.post(api, "/items", "{\"name\":"), 400, "JSON");
            assertProblem(Http.post(api, "/items", "[{\"name\":\"x\"}]"), 400, "JSON object");
            assertProblem(Http.post(api, "/items", "{\"name\":\"x\"}", "text/plain"), 415, "Content-Type");
            assertThat(Http.post(api, "/items", "{\"name\":\"" + "n".repeat(200) + "\"}")
                            .statusCode())
                    .isEqualTo(202);
            Await.until(
                    "3 items",
                    Duration.ofSeconds(30),
                    () -> Db.count(stores.postgres(), "SELECT count(*) FROM items") == 3);
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM dead_letters"))
                    .isZero();
        }
    }

    @Test
    void a_cached_page_is_never_older_than_the_last_committed_write_under_concurrent_writes() throws Exception {
        Stores stores = TestStores.freshDatabase("items_cache");
        String key = "items_cache";
        try (Engine engine = TestEngines.started(TestEngines.config(key), stores);
                StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            URI api = engine.apiUri();
            for (int i = 0; i < 10; i++) {
                Http.post(api, "/items", "{\"name\":\"seed " + i + "\"}");
            }
            Await.until(
                    "10 items",
                    Duration.ofSeconds(30),
                    () -> Db.count(stores.postgres(), "SELECT count(*) FROM items") == 10);
            String warm = Http.get(api, "/items?limit=1000").body();
            assertThat(tree(warm).size()).isEqualTo(10);
            assertThat(Http.get(api, "/items?limit=1000").body()).isEqualTo(warm);
            assertThat(redis.sync().keys("{" + key + ":items}:cache:page:*"))
                    .as("the page is in the cache")
                    .isNotEmpty();

            int writes = 600;
            AtomicBoolean writing = new AtomicBoolean(true);
            Set<Long> committed = ConcurrentHashMap.newKeySet();
            List<String> stale = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> {
                        for (int i = writer; i < writes; i += 2) {
                            HttpResponse<String> p = Http.post(api, "/items", "{\"name\":\"item " + i + "\"}");
                            assertThat(p.statusCode()).as(p.body()).isEqualTo(202);
                            long id = tree(p.body()).path("id").asLong();
                            if (i % 10 == 0) {
                                // wait for this one to commit, then every page read after must hold it
                                HttpResponse<String> g = Http.get(api, "/items/" + id + "?wait=10s");
                                assertThat(g.statusCode()).as(g.body()).isEqualTo(200);
                                committed.add(id);
                            }
                        }
                    }));
                }
                List<Future<?>> readers = new ArrayList<>();
                for (int r = 0; r < 4; r++) {
                    readers.add(pool.submit(() -> {
                        while (writing.get()) {
                            Set<Long> mustHave = Set.copyOf(committed);
                            long rows = Db.count(stores.postgres(), "SELECT count(*) FROM items");
                            JsonNode page =
                                    tree(Http.get(api, "/items?limit=1000").body());
                            Set<Long> ids = new HashSet<>();
                            page.forEach(n -> ids.add(n.path("id").asLong()));
                            if (page.size() < rows || !ids.containsAll(mustHave)) {
                                synchronized (stale) {
                                    stale.add(page.size() + " items served after " + rows + " committed");
                                }
                            }
                        }
                    }));
                }
                for (Future<?> f : writers) {
                    f.get();
                }
                writing.set(false);
                for (Future<?> f : readers) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(stale).as("pages older than a committed write").isEmpty();
            Await.until(
                    "all items",
                    Duration.ofSeconds(30),
                    () -> Db.count(stores.postgres(), "SELECT count(*) FROM items") == 10 + writes);
            String after = Http.get(api, "/items?limit=1000").body();
            assertThat(tree(after).size()).isEqualTo(10 + writes);
            assertThat(Http.get(api, "/items?limit=1000").body())
                    .as("the next read comes from the cache, identical")
                    .isEqualTo(after);
            Await.until(
                    () -> "the snapshot's items show it all: "
                            + engine.snapshot().items(),
                    Duration.ofSeconds(30),
                    () -> {
                        ItemsStats i = engine.snapshot().items();
                        return i.postedTotal() == 10 + writes
                                && i.landedTotal() == 10 + writes
                                && i.rows() == 10 + writes
                                && i.backlog() == 0
                                && i.cacheHitsTotal() > 0;
                    });
            assertThat(Http.get(api, "/metrics").body())
                    .contains("sluice_items_landed_total " + (10 + writes) + ".0")
                    .contains("sluice_items_cache_hits_total");
            long seq = engine.snapshot().seq();
            Await.until(
                    "two ticks", Duration.ofSeconds(10), () -> engine.snapshot().seq() >= seq + 2);
            ItemsStats before = engine.snapshot().items();
            HttpResponse<String> fresh = Http.send(HttpRequest.newBuilder(api.resolve("/items?limit=1000"))
                    .header("Cache-Control", "no-cache")
                    .GET()
                    .build());
            assertThat(fresh.body()).isEqualTo(after);
            Await.until(
                    () -> "the no-cache read counted: " + engine.snapshot().items(),
                    Duration.ofSeconds(10),
                    () -> engine.snapshot().items().pageReadsTotal() == before.pageReadsTotal() + 1);
            assertThat(engine.snapshot().items().cacheHitsTotal())
                    .as("Cache-Control: no-cache is not served from the cache")
                    .isEqualTo(before.cacheHitsTotal());
            JsonNode second = tree(Http.get(api, "/items?offset=600&limit=5").body());
            assertThat(second.size()).isEqualTo(5);
            assertThat(second.get(0).path("id").asLong())
                    .isEqualTo(tree(after).get(600).path("id").asLong());
        }
    }

    @Test
    void a_burst_of_five_thousand_posts_lands_exactly_five_thousand_rows() throws Exception {
        Stores stores = TestStores.freshDatabase("items_burst");
        int posts = 5_000;
        try (Engine engine = TestEngines.started(TestEngines.config("items_burst"), stores)) {
            URI api = engine.apiUri();
            Set<Long> ids = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> senders = new ArrayList<>();
                for (int s = 0; s < 16; s++) {
                    int sender = s;
                    senders.add(pool.submit(() -> {
                        for (int i = sender; i < posts; i += 16) {
                            HttpResponse<String> p =
                                    Http.post(api, "/items", "{\"name\":\"burst " + i + "\",\"description\":\"d\"}");
                            assertThat(p.statusCode()).as(p.body()).isEqualTo(202);
                            assertThat(ids.add(tree(p.body()).path("id").asLong()))
                                    .as("an id answered twice")
                                    .isTrue();
                        }
                    }));
                }
                for (Future<?> f : senders) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            Await.until(
                    () -> Db.count(stores.postgres(), "SELECT count(*) FROM items") + " of " + posts + " rows",
                    Duration.ofSeconds(60),
                    () -> Db.count(stores.postgres(), "SELECT count(*) FROM items") >= posts);
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM items"))
                    .isEqualTo(posts);
            assertThat(Db.count(stores.postgres(), "SELECT count(DISTINCT name) FROM items"))
                    .isEqualTo(posts);
            List<Long> stored = Db.query(stores.postgres(), "SELECT id FROM items", rs -> rs.getLong(1));
            assertThat(new HashSet<>(stored)).isEqualTo(ids);
        }
    }
}
