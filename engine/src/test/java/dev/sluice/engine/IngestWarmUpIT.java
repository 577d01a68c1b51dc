package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.EngineState;
import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.stream.StreamFields;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.engine.warmup.JitWarmUp;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestStores;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The JIT warm-up at start: it really drives the ingest path, and leaves nothing behind. */
class IngestWarmUpIT {
    private static final String BATCH = "[{\"seq\":1},{\"seq\":2},{\"seq\":3}]";

    @Test
    void the_warm_up_drives_the_ingest_path_and_leaves_no_event_count_stream_or_table_behind() {
        Stores stores = TestStores.freshDatabase("warm_up");
        String key = "warm_up_stream";
        EngineConfig config = warmingUp(key, Duration.ofSeconds(8));
        String scratch = IngestWarmUp.streamKey(config.stream());
        String table = IngestWarmUp.table(config.stream());
        try (StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            // what a warm-up interrupted by a crash would have left: it is cleared first
            redis.sync().xadd(scratch, "event", "{\"left\":\"over\"}");
            try (Engine engine = TestEngines.started(config, stores)) {
                JitWarmUp.Result warmUp = ((DefaultEngine) engine).warmUp();
                assertThat(warmUp).as("the warm-up ran").isNotNull();
                assertThat(warmUp.answered())
                        .as("requests the warm-up had answered 2xx (%s)", warmUp)
                        .isPositive();
                assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs"))
                        .as("warm-up events in logs")
                        .isZero();
                assertThat(Db.strings(stores.postgres(), "SELECT coalesce(to_regclass('" + table + "')::text, '')"))
                        .as("the warm-up table is dropped")
                        .containsExactly("");
                assertThat(redis.sync().exists(scratch, StreamFields.extraEventsKey(scratch)))
                        .as("the warm-up stream and its event count are deleted")
                        .isZero();
                assertThat(engine.snapshot().totals().eventsAccepted())
                        .as("the engine's totals start at zero")
                        .isZero();

                assertThat(Http.post(engine.apiUri(), "/write", BATCH).statusCode())
                        .isEqualTo(202);
                Await.until(
                        "the engine's own events land",
                        Duration.ofSeconds(30),
                        () -> Db.count(stores.postgres(), "SELECT count(*) FROM logs") == 3);
            }
        }
    }

    @Test
    void a_warm_up_that_cannot_run_is_skipped_and_the_engine_starts() {
        Stores stores = TestStores.freshDatabase("warm_up_skipped");
        EngineConfig config = warmingUp("warm_up_skipped_stream", Duration.ofSeconds(8));
        TestEngines.started(TestEngines.config("warm_up_skipped_stream"), stores)
                .close(); // the schema
        // a view where the warm-up's table goes: DROP TABLE and CREATE TABLE both fail on it
        Db.execute(stores.postgres(), "CREATE VIEW " + IngestWarmUp.table(config.stream()) + " AS SELECT 1 AS x");
        try (Engine engine = TestEngines.started(config, stores)) {
            assertThat(((DefaultEngine) engine).warmUp()).as("skipped").isNull();
            assertThat(Http.post(engine.apiUri(), "/write", BATCH).statusCode()).isEqualTo(202);
            Await.until(
                    "events land without the warm-up",
                    Duration.ofSeconds(30),
                    () -> Db.count(stores.postgres(), "SELECT count(*) FROM logs") == 3);
        }
    }

    @Test
    void a_stop_during_the_warm_up_ends_the_start_and_leaves_no_stream_table_or_thread() throws Exception {
        Stores stores = TestStores.freshDatabase("warm_up_stopped");
        EngineConfig config = warmingUp("warm_up_stopped_stream", Duration.ofMinutes(5));
        String scratch = IngestWarmUp.streamKey(config.stream());
        String table = IngestWarmUp.table(config.stream());
        Engine engine = Engines.create(config, stores);
        AtomicReference<Throwable> startFailure = new AtomicReference<>();
        Thread starting = new Thread(
                () -> {
                    try {
                        engine.start();
                    } catch (Throwable t) {
                        startFailure.set(t);
                    }
                },
                "starting");
        try (StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            starting.start();
            Await.until(
                    "the warm-up has written to its scratch stream",
                    Duration.ofSeconds(60),
                    () -> redis.sync().exists(scratch) == 1);
            engine.stop(Duration.ofSeconds(5)); // what a SIGTERM's shutdown hook does (ShutdownDuringStart)
            starting.join(Duration.ofSeconds(60).toMillis());

            assertThat(starting.isAlive()).as("start() returned after the stop").isFalse();
            assertThat(startFailure.get())
                    .as("start() says it was stopped")
                    .isInstanceOf(EngineStartException.class)
                    .hasMessage(DefaultEngine.STOPPED_WHILE_STARTING);
            assertThat(engine.state()).isEqualTo(EngineState.STOPPED);
            assertThat(redis.sync().exists(scratch, StreamFields.extraEventsKey(scratch)))
                    .as("the warm-up stream and its event count are deleted")
                    .isZero();
            assertThat(Db.strings(stores.postgres(), "SELECT coalesce(to_regclass('" + table + "')::text, '')"))
                    .as("the warm-up table is dropped")
                    .containsExactly("");
            assertThat(Thread.getAllStackTraces().keySet().stream()
                            .filter(Thread::isAlive)
                            .map(Thread::getName)
                            .filter(n -> n.startsWith("warm-up-") || n.startsWith("stream-worker")))
                    .as("warm-up connections and workers still running")
                    .isEmpty();
            assertThat(engine.apiUri()).as("never ran, so no API address").isNull();
        } finally {
            engine.close();
        }
    }

    private static EngineConfig warmingUp(String key, Duration limit) {
        EngineConfig c = TestEngines.config(key);
        return c.withApi(c.api().withWarmUp(limit));
    }
}
