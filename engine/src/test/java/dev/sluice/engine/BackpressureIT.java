package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.IntakeState;
import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.stream.StreamBacklog;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The "high water reached with workers paused": 429 + Retry-After, a bounded stream, drain, 202 again, no loss. */
class BackpressureIT {
    private static final int HIGH = 5_000;
    private static final int LOW = 2_000;
    private static final int BATCH = 50;
    private static final String KEY = "backpressure_stream";

    @Test
    void high_water_throttles_with_retry_after_and_resumes_below_low_water_without_loss() throws Exception {
        Stores stores = TestStores.freshDatabase("backpressure");
        EngineConfig config = TestEngines.config(KEY).withKnobs(Knobs.defaults().withPaused(true));
        try (Engine engine = TestEngines.started(config, stores);
                StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            HttpResponse<String> put = Http.send(
                    java.net.http.HttpRequest.newBuilder(engine.apiUri().resolve("/control/knobs"))
                            .header("Content-Type", "application/json")
                            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                                    "{\"highWater\":" + HIGH + ",\"lowWater\":" + LOW + "}"))
                            .build());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            assertThat(put.body()).contains("\"highWater\":5000", "\"lowWater\":2000");
            AtomicInteger nextSeq = new AtomicInteger();
            AtomicLong acceptedEvents = new AtomicLong();
            Map<Integer, Long> statuses = new ConcurrentHashMap<>();
            List<String> badRetryAfter = new ArrayList<>();
            AtomicInteger throttled = new AtomicInteger();

            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                running.add(clients.submit(() -> {
                    while (throttled.get() < 40) {
                        int first = nextSeq.getAndAdd(BATCH);
                        HttpResponse<String> r = Http.post(engine.apiUri(), "/write", batch(first, BATCH));
                        statuses.merge(r.statusCode(), 1L, Long::sum);
                        if (r.statusCode() == 202) {
                            acceptedEvents.addAndGet(BATCH);
                        } else if (r.statusCode() == 429) {
                            throttled.incrementAndGet();
                            String ra = r.headers().firstValue("Retry-After").orElse("missing");
                            if (!ra.matches("\\d+")
                                    || Integer.parseInt(ra) < 1
                                    || !r.headers()
                                            .firstValue("Content-Type")
                                            .orElse("")
                                            .startsWith("application/problem+json")) {
                                synchronized (badRetryAfter) {
                                    badRetryAfter.add(ra + " " + r.body());
                                }
                            }
                        } else {
                            throw new AssertionError("unexpected " + r.statusCode() + ": " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();

            long backlog = StreamBacklog.events(redis.sync(), KEY);
            assertThat(statuses.keySet()).as("statuses %s", statuses).containsOnly(202, 429);
            assertThat(badRetryAfter)
                    .as("429s without a Retry-After of at least 1 s in problem+json")
                    .isEmpty();
            assertThat(backlog)
                    .as("events in the stream with workers paused (statuses %s)", statuses)
                    .isEqualTo(acceptedEvents.get())
                    .isLessThanOrEqualTo(HIGH);
            assertThat(backlog).as("the backlog got near the high mark").isGreaterThan(HIGH - 10 * BATCH);
            long[] memory = memory(redis);
            assertThat(memory[1]).as("maxmemory of the embedded Redis").isPositive();
            assertThat(memory[0])
                    .as("Redis used_memory vs maxmemory %d", memory[1])
                    .isLessThan(memory[1]);

            Long streamBytes = redis.sync().memoryUsage(KEY);
            System.out.printf(
                    "BackpressureIT - stream of %d ~200-byte events: MEMORY USAGE %d bytes, %.0f bytes/event%n",
                    backlog, streamBytes, streamBytes / (double) backlog);
            MetricsSnapshot throttling = awaitSnapshot(
                    engine,
                    s -> s.intake().state() == IntakeState.THROTTLING
                            && s.intake().throttledTotal() >= throttled.get());
            assertThat(throttling.intake().highWater()).isEqualTo(HIGH);
            assertThat(throttling.intake().lowWater()).isEqualTo(LOW);
            assertThat(throttling.intake().throttledTotal()).isGreaterThanOrEqualTo(40);
            assertThat(throttling.intake().redisMaxBytes()).isEqualTo(memory[1]);
            String metrics = Http.get(engine.apiUri(), "/metrics").body();
            assertThat(metrics)
                    .contains(
                            "sluice_intake_throttling 1.0",
                            "sluice_stream_high_water 5000.0",
                            "sluice_stream_low_water 2000.0",
                            "sluice_redis_maxmemory_bytes",
                            "sluice_redis_memory_used_bytes");

            engine.update(KnobsChange.none().withPaused(false));
            Await.until(
                    "backlog below the low mark",
                    Duration.ofSeconds(30),
                    () -> StreamBacklog.events(redis.sync(), KEY) < LOW);
            Await.until("writes answered 202 again", Duration.ofSeconds(30), () -> {
                HttpResponse<String> r = Http.post(engine.apiUri(), "/write", batch(nextSeq.getAndAdd(BATCH), BATCH));
                if (r.statusCode() == 202) {
                    acceptedEvents.addAndGet(BATCH);
                }
                return r.statusCode() == 202;
            });
            awaitSnapshot(engine, s -> s.intake().state() == IntakeState.ACCEPTING);

            var pg = stores.postgres();
            Await.until(
                    "every accepted event in logs",
                    Duration.ofSeconds(30),
                    () -> Db.count(pg, "SELECT count(*) FROM logs") >= acceptedEvents.get());
            assertThat(Db.count(pg, "SELECT count(*) FROM logs"))
                    .as("rows vs events answered 202")
                    .isEqualTo(acceptedEvents.get());
            assertThat(Db.count(pg, "SELECT count(DISTINCT (event->>'seq')) FROM logs"))
                    .as("distinct events")
                    .isEqualTo(acceptedEvents.get());
        }
    }

    private static MetricsSnapshot awaitSnapshot(Engine engine, java.util.function.Predicate<MetricsSnapshot> p) {
        Await.until(
                "a snapshot that matches",
                Duration.ofSeconds(10),
                () -> engine.snapshot() != null && p.test(engine.snapshot()));
        return engine.snapshot();
    }

    /** used_memory and maxmemory from INFO memory. */
    static long[] memory(StatefulRedisConnection<String, String> redis) {
        String info = redis.sync().info("memory");
        return new long[] {field(info, "used_memory"), field(info, "maxmemory")};
    }

    private static long field(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError(name + " not in INFO memory");
    }

    /** ~200-byte events with a unique seq. */
    static String batch(int firstSeq, int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"seq\":")
                    .append(firstSeq + i)
                    .append(
                            ",\"level\":\"info\",\"service\":\"checkout\",\"msg\":\"order placed by a customer in the backpressure test\","
                                    + "\"trace\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"ms\":12}");
        }
        return b.append("]").toString();
    }
}
