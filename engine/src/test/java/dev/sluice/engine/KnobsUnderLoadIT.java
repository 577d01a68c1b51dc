package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.IngestMode;
import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestStores;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KnobsUnderLoadIT {
    private static final int TOTAL = 50_000;

    @Test
    void resizing_workers_and_changing_batch_and_mode_under_load_loses_and_duplicates_nothing() throws Exception {
        Stores stores = TestStores.freshDatabase("knobs_load");
        String key = "knobs_load_stream";
        try (Engine engine = TestEngines.started(TestEngines.config(key), stores);
                StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            AtomicInteger next = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<?>> posting = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                posting.add(clients.submit(() -> {
                    for (int first; (first = next.getAndAdd(50)) < TOTAL; ) {
                        HttpResponse<String> r = Http.post(engine.apiUri(), "/write", RestartIT.batch(first, 50));
                        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                    }
                }));
            }
            Knobs start = engine.knobs();
            List<KnobsChange> changes = List.of(
                    KnobsChange.none().withWorkers(1),
                    KnobsChange.none().withWorkers(32).withBatchSize(50),
                    KnobsChange.none().withBatchSize(2000).withMode(IngestMode.STREAM_INSERT),
                    KnobsChange.none()
                            .withWorkers(4)
                            .withFlushInterval(Duration.ofMillis(5))
                            .withMode(IngestMode.STREAM_COPY),
                    KnobsChange.none().withPaused(true),
                    KnobsChange.none().withPaused(false).withMode(IngestMode.DIRECT_INSERT),
                    KnobsChange.none().withMode(IngestMode.STREAM_COPY));
            int applied = 0;
            while (posting.stream().anyMatch(f -> !f.isDone())) {
                if (applied < changes.size() && next.get() > (applied + 1) * TOTAL / (changes.size() + 2)) {
                    engine.update(changes.get(applied++));
                }
                Thread.sleep(5);
            }
            for (Future<?> f : posting) {
                f.get();
            }
            clients.shutdown();
            while (applied < changes.size()) {
                engine.update(changes.get(applied++));
            }
            Knobs expected = start.withWorkers(4)
                    .withBatchSize(2000)
                    .withFlushInterval(Duration.ofMillis(5))
                    .withMode(IngestMode.STREAM_COPY)
                    .withPaused(false);
            assertThat(engine.knobs())
                    .as("every change merged into the one before")
                    .isEqualTo(expected);

            Await.until(
                    "all rows",
                    Duration.ofSeconds(120),
                    () -> Db.count(stores.postgres(), "SELECT count(*) FROM logs") >= TOTAL
                            && redis.sync().xlen(key) == 0);
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs")).isEqualTo(TOTAL);
            assertThat(Db.count(stores.postgres(), "SELECT count(DISTINCT (event->>'seq')) FROM logs"))
                    .isEqualTo(TOTAL);
            assertThat(Db.count(stores.postgres(), "SELECT min((event->>'seq')::int) FROM logs"))
                    .isZero();
            assertThat(Db.count(stores.postgres(), "SELECT max((event->>'seq')::int) FROM logs"))
                    .isEqualTo(TOTAL - 1);
            Await.until(
                    "snapshot shows 4 workers",
                    Duration.ofSeconds(10),
                    () -> engine.snapshot().workers().count() == 4);
        }
    }
}
