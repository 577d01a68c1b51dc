package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.testing.TestEngines;
import dev.sluice.loadgen.LoadGenerators;
import dev.sluice.loadgen.api.LoadGenerator;
import dev.sluice.loadgen.api.LoadPlan;
import dev.sluice.loadgen.api.LoadReport;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.TestStores;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The queue and items load profiles against a real engine: what the generator counts is what the tables hold. */
class WorkloadProfilesIT {
    private static LoadReport run(Engine engine, String profile, int users) {
        try (LoadGenerator generator = LoadGenerators.create()) {
            generator.start(LoadPlan.builder(engine.apiUri())
                    .profile(profile)
                    .users(users)
                    .duration(Duration.ofSeconds(5))
                    .seed(7)
                    .build());
            return generator.result();
        }
    }

    private static long status(LoadReport r, int code) {
        return r.statusCounts().getOrDefault(code, 0L);
    }

    @Test
    void the_queue_profile_enqueues_and_consumes_what_the_tables_show() {
        Stores stores = TestStores.freshDatabase("profile_queue");
        try (Engine engine = TestEngines.started(TestEngines.config("profile_queue"), stores)) {
            LoadReport r = run(engine, "queue", 16);
            assertThat(r.errors().total()).as(r.errorSummary()).isZero();
            long enqueued = status(r, 201);
            long consumed = status(r, 200);
            assertThat(enqueued)
                    .as("POST /message answered 201: %s", r.statusCounts())
                    .isPositive();
            assertThat(consumed)
                    .as("GET /queue answered 200: %s", r.statusCounts())
                    .isPositive();
            assertThat(r.statusCounts().keySet()).as("only 201, 200 and 204").containsOnly(201, 200, 204);
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM queue_archive"))
                    .as("consumed messages")
                    .isEqualTo(consumed);
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM queue_messages"))
                    .as("messages still queued")
                    .isEqualTo(enqueued - consumed);
            assertThat(Db.count(
                            stores.postgres(),
                            "SELECT count(DISTINCT channel) FROM (SELECT channel FROM queue_archive"
                                    + " UNION ALL SELECT channel FROM queue_messages) c"))
                    .isEqualTo(3);
            Await.until(
                    () -> "the snapshot agrees: " + engine.snapshot().queue(),
                    Duration.ofSeconds(10),
                    () -> engine.snapshot().queue().enqueuedTotal() == enqueued
                            && engine.snapshot().queue().consumedTotal() == consumed);
        }
    }

    @Test
    void the_items_profile_lands_every_post_and_serves_pages_from_the_cache() {
        Stores stores = TestStores.freshDatabase("profile_items");
        try (Engine engine = TestEngines.started(TestEngines.config("profile_items"), stores)) {
            LoadReport r = run(engine, "items", 16);
            assertThat(r.errors().total()).as(r.errorSummary()).isZero();
            long posted = status(r, 202);
            long pages = status(r, 200);
            assertThat(posted)
                    .as("POST /items answered 202: %s", r.statusCounts())
                    .isPositive();
            assertThat(pages)
                    .as("GET /items answered 200: %s", r.statusCounts())
                    .isGreaterThan(posted);
            Await.until(
                    () -> Db.count(stores.postgres(), "SELECT count(*) FROM items") + " of " + posted + " items",
                    Duration.ofSeconds(30),
                    () -> Db.count(stores.postgres(), "SELECT count(*) FROM items") == posted);
            Await.until(
                    () -> "the snapshot agrees: " + engine.snapshot().items(),
                    Duration.ofSeconds(10),
                    () -> engine.snapshot().items().postedTotal() == posted
                            && engine.snapshot().items().pageReadsTotal() == pages
                            && engine.snapshot().items().landedTotal() == posted);
            assertThat(engine.snapshot().items().cacheHitsTotal())
                    .as("pages served from the cache")
                    .isPositive();
        }
    }
}
