package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.testing.EngineNode;
import dev.sluice.engine.testing.SeqEvents;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestStores;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A separately started engine process is killed with SIGKILL in the middle of a 100,000-event run
 * and a second one is started on the same stores: every event answered 202 is in {@code logs}
 * exactly once; the only events that may be there without a 202 are those of requests that had no
 * answer when the process died.
 */
class EngineCrashIT {
    private static final int EVENTS = 100_000;
    private static final int PER_REQUEST = 100;
    private static final int BATCHES = EVENTS / PER_REQUEST;
    private static final int CLIENTS = 4;
    /** Main has no flag for the stream key: the engine process uses the default one. */
    private static final String STREAM = "logs_stream";

    private final List<Process> engines = new ArrayList<>();

    @AfterEach
    void stopEngines() {
        engines.forEach(Process::destroyForcibly);
    }

    @Test
    void kill_9_of_the_engine_mid_run_loses_no_accepted_event_and_duplicates_none() throws Exception {
        Stores stores = TestStores.freshDatabase("engine_crash");
        try (StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            redis.sync().del(STREAM);
            Set<Integer> accepted = ConcurrentHashMap.newKeySet();
            Set<Integer> unanswered = ConcurrentHashMap.newKeySet();
            Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
            AtomicInteger nextBatch = new AtomicInteger();
            AtomicReference<URI> api = new AtomicReference<>();

            // both runs use one data directory, so the second is the first node restarted with its identity
            EngineNode firstEngine = node(stores, "crash");
            api.set(firstEngine.awaitReady().api());
            Process first = firstEngine.process();
            List<Thread> posters = startPosters(api, nextBatch, accepted, unanswered, refusals);
            Await.until(
                    "half the events answered 202",
                    Duration.ofSeconds(60),
                    () -> accepted.size() >= EVENTS / 2 || posters.stream().noneMatch(Thread::isAlive));
            first.destroyForcibly();
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
            for (Thread t : posters) {
                t.join(TimeUnit.SECONDS.toMillis(60));
            }
            assertThat(nextBatch.get()).as("the kill came mid-run").isLessThan(BATCHES);

            api.set(node(stores, "crash").awaitReady().api());
            for (Thread t : startPosters(api, nextBatch, accepted, unanswered, refusals)) {
                t.join(TimeUnit.SECONDS.toMillis(120));
            }
            assertThat(refusals)
                    .as("answers other than 202 (status or failure kind -> count)")
                    .isEmpty();
            Await.until(
                    "stream backlog drained",
                    Duration.ofSeconds(60),
                    () -> redis.sync().xlen(STREAM) == 0
                            && redis.sync().xpending(STREAM, "log_consumers").getCount() == 0);

            // the build log gets one line: how the kill fell
            long rows = SeqEvents.assertLandedOnce(stores.postgres(), accepted, unanswered, "EngineCrashIT");
            assertThat(accepted.size() + unanswered.size()).isEqualTo(EVENTS);
            assertThat(rows).isBetween((long) accepted.size(), (long) accepted.size() + unanswered.size());
        }
    }

    @Test
    void kill_9_mid_run_loses_no_posted_item_and_no_enqueued_message() throws Exception {
        Stores stores = TestStores.freshDatabase("engine_crash_workloads");
        try (StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            redis.sync().del(STREAM, STREAM + ":items");
            Set<Long> itemIds = ConcurrentHashMap.newKeySet();
            Set<String> itemsAccepted = ConcurrentHashMap.newKeySet();
            Set<String> itemsUnanswered = ConcurrentHashMap.newKeySet();
            Set<String> messagesAccepted = ConcurrentHashMap.newKeySet();
            Set<String> messagesUnanswered = ConcurrentHashMap.newKeySet();
            Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            EngineNode firstEngine = node(stores, "crash-workloads");
            AtomicReference<URI> api =
                    new AtomicReference<>(firstEngine.awaitReady().api());
            Process first = firstEngine.process();
            int total = 6_000;
            Runnable poster = () -> {
                for (int n = next.getAndIncrement(); n < total; n = next.getAndIncrement()) {
                    boolean item = n % 2 == 0;
                    String key = "crash " + n;
                    try {
                        HttpResponse<String> r = item
                                ? Http.post(api.get(), "/items", "{\"name\":\"" + key + "\"}")
                                : Http.post(
                                        api.get(),
                                        "/message",
                                        "{\"channel\":\"crash\",\"message\":{\"key\":\"" + key + "\"}}");
                        if (r.statusCode() == (item ? 202 : 201)) {
                            (item ? itemsAccepted : messagesAccepted).add(key);
                            if (item) {
                                itemIds.add(Long.parseLong(r.body().replaceAll("\\D*(\\d+).*", "$1")));
                            }
                        } else {
                            refusals.computeIfAbsent(r.statusCode() + " " + r.body(), k -> new AtomicInteger())
                                    .incrementAndGet();
                            (item ? itemsUnanswered : messagesUnanswered).add(key);
                        }
                    } catch (UncheckedIOException e) {
                        (item ? itemsUnanswered : messagesUnanswered).add(key);
                        return;
                    }
                }
            };
            List<Thread> posters = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Thread t = new Thread(poster, "crash-workload-" + c);
                t.start();
                posters.add(t);
            }
            Await.until(
                    "a third answered",
                    Duration.ofSeconds(60),
                    () -> next.get() >= total / 3 || posters.stream().noneMatch(Thread::isAlive));
            first.destroyForcibly();
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            for (Thread t : posters) {
                t.join(TimeUnit.SECONDS.toMillis(60));
            }
            assertThat(next.get()).as("the kill came mid-run").isLessThan(total);

            api.set(node(stores, "crash-workloads").awaitReady().api());
            posters.clear();
            for (int c = 0; c < CLIENTS; c++) {
                Thread t = new Thread(poster, "crash-workload-" + c);
                t.start();
                posters.add(t);
            }
            for (Thread t : posters) {
                t.join(TimeUnit.SECONDS.toMillis(120));
            }
            assertThat(refusals)
                    .as("answers other than 201/202 (status and body -> count)")
                    .isEmpty();
            PostgresEndpoint pg = stores.postgres();
            Await.until(
                    () -> Db.count(pg, "SELECT count(*) FROM items") + " items, " + itemsAccepted.size()
                            + " answered 202",
                    Duration.ofSeconds(60),
                    () -> Db.count(pg, "SELECT count(*) FROM items") >= itemsAccepted.size());
            Set<String> items = new HashSet<>(Db.strings(pg, "SELECT name FROM items"));
            Set<Long> ids = new HashSet<>(Db.query(pg, "SELECT id FROM items", rs -> rs.getLong(1)));
            Set<String> messages = new HashSet<>(Db.strings(pg, "SELECT message->>'key' FROM queue_messages"));
            System.out.printf(
                    "EngineCrashIT: %d items answered 202 (%d unanswered), %d messages answered 201 (%d unanswered)%n",
                    itemsAccepted.size(), itemsUnanswered.size(), messagesAccepted.size(), messagesUnanswered.size());
            assertThat(Db.count(pg, "SELECT count(*) FROM items"))
                    .as("no item twice")
                    .isEqualTo(items.size());
            assertThat(ids).as("every id answered 202 is stored").containsAll(itemIds);
            Set<String> lostItems = new HashSet<>(itemsAccepted);
            lostItems.removeAll(items);
            assertThat(lostItems).as("items answered 202 but not stored").isEmpty();
            Set<String> lostMessages = new HashSet<>(messagesAccepted);
            lostMessages.removeAll(messages);
            assertThat(lostMessages).as("messages answered 201 but not stored").isEmpty();
            assertThat(Db.count(pg, "SELECT count(*) FROM queue_messages"))
                    .as("no message twice")
                    .isEqualTo(messages.size());
            Set<String> extra = new HashSet<>(items);
            extra.addAll(messages);
            extra.removeAll(itemsAccepted);
            extra.removeAll(messagesAccepted);
            extra.removeAll(itemsUnanswered);
            extra.removeAll(messagesUnanswered);
            assertThat(extra)
                    .as("stored without a 201/202 and not unanswered at the kill")
                    .isEmpty();
        }
    }

    /**
     * Posters take batch numbers from {@code nextBatch} until all are taken. A request with no
     * answer (the process died) marks its events unanswered and ends that poster: its fate is unknown.
     */
    private static List<Thread> startPosters(
            AtomicReference<URI> api,
            AtomicInteger nextBatch,
            Set<Integer> accepted,
            Set<Integer> unanswered,
            Map<String, AtomicInteger> refusals) {
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Thread t = new Thread(
                    () -> {
                        for (int b = nextBatch.getAndIncrement(); b < BATCHES; b = nextBatch.getAndIncrement()) {
                            int from = b * PER_REQUEST;
                            try {
                                HttpResponse<String> r = Http.post(api.get(), "/write", batch(from));
                                if (r.statusCode() == 202) {
                                    for (int i = 0; i < PER_REQUEST; i++) {
                                        accepted.add(from + i);
                                    }
                                } else {
                                    refusals.computeIfAbsent(r.statusCode() + " " + r.body(), k -> new AtomicInteger())
                                            .incrementAndGet();
                                    for (int i = 0; i < PER_REQUEST; i++) {
                                        unanswered.add(from + i); // refused: not stored; counted in refusals
                                    }
                                }
                            } catch (UncheckedIOException e) {
                                for (int i = 0; i < PER_REQUEST; i++) {
                                    unanswered.add(from + i);
                                }
                                return;
                            }
                        }
                    },
                    "crash-poster-" + c);
            t.start();
            threads.add(t);
        }
        return threads;
    }

    private EngineNode node(Stores stores, String name) {
        EngineNode node = EngineNode.start(stores, name);
        engines.add(node.process());
        return node;
    }

    private static String batch(int from) {
        return SeqEvents.batch(from, PER_REQUEST, "crash test");
    }
}
