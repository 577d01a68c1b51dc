package dev.sluice.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.testing.TestStores;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The producer loop against the shared embedded Redis: what lands in the stream, read back with XRANGE. */
class StreamAppenderIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static RedisClient client;
    private static StatefulRedisConnection<String, byte[]> redis;

    private final List<StreamAppender> appenders = new ArrayList<>();
    private String key;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(TestStores.shared().redis().uri());
        redis = client.connect(StreamFields.CODEC);
    }

    @AfterAll
    static void disconnect() {
        redis.close();
        client.shutdown();
    }

    @AfterEach
    void closeAppenders() {
        appenders.forEach(StreamAppender::close);
    }

    @Test
    void an_event_is_one_entry_with_its_bytes_a_16_byte_event_id_and_the_stamp(TestInfo test) throws Exception {
        StreamAppender appender = started(test, 1000);

        assertThat(appender.append(List.of(json("{\"a\":\"\u00e9\"}")), 1_732_259_100_123_456L)
                        .get(30, TimeUnit.SECONDS))
                .isEqualTo(1);

        List<StreamMessage<String, byte[]>> entries = xrange();
        assertThat(entries).hasSize(1);
        StreamMessage<String, byte[]> entry = entries.get(0);
        assertThat(entry.getBody())
                .containsOnlyKeys(StreamFields.EVENT, StreamFields.EVENT_ID, StreamFields.RECEIVED_AT);
        assertThat(entry.getBody().get(StreamFields.EVENT)).isEqualTo(json("{\"a\":\"\u00e9\"}"));
        assertThat(text(entry, StreamFields.RECEIVED_AT)).isEqualTo("1732259100123456");
        assertThat(entry.getBody().get(StreamFields.EVENT_ID)).hasSize(16);
        assertThat(EventIds.toUuid(entry.getBody().get(StreamFields.EVENT_ID)).version())
                .isEqualTo(8);
        assertThat(appender.inFlightEvents()).isZero();
    }

    @Test
    void a_batch_lands_whole_in_order_with_one_stamp_packed_32_events_to_an_entry(TestInfo test) throws Exception {
        StreamAppender appender = started(test, 1000);
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            batch.add(json("[" + i + "]"));
        }

        assertThat(appender.append(batch, 42L).get(30, TimeUnit.SECONDS)).isEqualTo(70);

        List<StreamMessage<String, byte[]>> entries = xrange();
        assertThat(entries)
                .as("entries of at most %d events", PackedEvents.MAX_EVENTS)
                .hasSize(3);
        assertThat(entries.get(0).getBody())
                .containsOnlyKeys(StreamFields.EVENTS, StreamFields.EVENT_IDS, StreamFields.RECEIVED_AT);
        assertThat(entries)
                .extracting(e -> e.getBody().get(StreamFields.EVENT_IDS).length / 16)
                .containsExactly(32, 32, 6);
        List<Flat> events = flattened();
        assertThat(events).extracting(Flat::event).containsExactlyElementsOf(texts(batch));
        assertThat(events).extracting(Flat::stamp).containsOnly("42");
        assertThat(events).extracting(Flat::eventId).doesNotHaveDuplicates();
        assertThat(StreamBacklog.events(redis.sync(), key))
                .as("backlog in events")
                .isEqualTo(70);
        assertThat(new String(redis.sync().get(StreamFields.extraEventsKey(key)), StandardCharsets.US_ASCII))
                .as("events beyond one per entry")
                .isEqualTo("67");
    }

    @Test
    void many_concurrent_appends_all_land_once_and_no_two_batches_interleave(TestInfo test) throws Exception {
        StreamAppender appender = started(test, 1_000_000);
        int threads = 16;
        int appendsEach = 200;
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<CompletableFuture<Integer>>>> submitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                submitted.add(callers.submit(() -> {
                    List<CompletableFuture<Integer>> mine = new ArrayList<>();
                    for (int i = 0; i < appendsEach; i++) {
                        // odd appends are batches of three, even ones single events; the stamp names the append
                        int size = i % 2 == 0 ? 1 : 3;
                        List<byte[]> events = new ArrayList<>();
                        for (int k = 0; k < size; k++) {
                            events.add(json("{\"t\":" + thread + ",\"i\":" + i + ",\"k\":" + k + "}"));
                        }
                        mine.add(appender.append(events, stamp(thread, i)));
                    }
                    return mine;
                }));
            }
            int confirmed = 0;
            for (Future<List<CompletableFuture<Integer>>> f : submitted) {
                for (CompletableFuture<Integer> append : f.get(30, TimeUnit.SECONDS)) {
                    confirmed += append.get(30, TimeUnit.SECONDS);
                }
            }
            int expected = threads * appendsEach / 2 * (1 + 3);
            assertThat(confirmed).isEqualTo(expected);

            List<Flat> events = flattened();
            assertThat(events).hasSize(expected);
            assertThat(events).extracting(Flat::event).doesNotHaveDuplicates();
            assertThat(events)
                    .as("every event keeps its own request's stamp, packed with others or not")
                    .allSatisfy(e -> assertThat(e.stamp()).isEqualTo(Long.toString(stampOf(e.event()))));
            assertThat(events).extracting(Flat::eventId).doesNotHaveDuplicates();
            // each batch of three is one entry: k = 0, 1, 2 in order, with the batch's stamp
            int batchesChecked = 0;
            for (int n = 0; n < events.size(); n++) {
                Flat first = events.get(n);
                if (first.event().endsWith("\"k\":0}") && Long.parseLong(first.stamp()) % 2 == 1) {
                    String prefix = first.event().substring(0, first.event().length() - "0}".length());
                    assertThat(events.subList(n, n + 3))
                            .extracting(Flat::event, Flat::stamp, Flat::entryId)
                            .containsExactly(
                                    tuple(prefix + "0}", first.stamp(), first.entryId()),
                                    tuple(prefix + "1}", first.stamp(), first.entryId()),
                                    tuple(prefix + "2}", first.stamp(), first.entryId()));
                    batchesChecked++;
                }
            }
            assertThat(batchesChecked).isEqualTo(threads * appendsEach / 2);
            assertThat(appender.inFlightEvents()).isZero();
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void single_events_queued_together_share_packed_entries_and_each_keeps_its_own_stamp(TestInfo test)
            throws Exception {
        StreamAppender appender = started(test, 1_000_000);
        int n = 2000;
        // queued faster than the producer writes a round, so its rounds hold many single events
        List<CompletableFuture<Integer>> appends = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            appends.add(appender.append(List.of(json("{\"t\":0,\"i\":" + i + "}")), stamp(0, i)));
        }
        for (CompletableFuture<Integer> a : appends) {
            assertThat(a.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        }

        List<StreamMessage<String, byte[]>> entries = xrange();
        assertThat(entries.size())
                .as("entries for %d single events (a coalesced entry holds up to %d)", n, PackedEvents.MAX_EVENTS)
                .isLessThan(n)
                .isGreaterThanOrEqualTo(n / PackedEvents.MAX_EVENTS);
        assertThat(entries)
                .filteredOn(e -> e.getBody().containsKey(StreamFields.EVENT_IDS))
                .allSatisfy(e -> assertThat(e.getBody())
                        .containsOnlyKeys(
                                StreamFields.EVENTS,
                                StreamFields.EVENT_IDS,
                                StreamFields.RECEIVED_AT,
                                StreamFields.RECEIVED_ATS));
        List<Flat> events = flattened();
        assertThat(events).extracting(Flat::event).hasSize(n).doesNotHaveDuplicates();
        assertThat(events).extracting(Flat::eventId).doesNotHaveDuplicates();
        assertThat(events).allSatisfy(e -> assertThat(e.stamp()).isEqualTo(Long.toString(stampOf(e.event()))));
        assertThat(StreamBacklog.events(redis.sync(), key))
                .as("backlog in events")
                .isEqualTo(n);

        // and a worker reads each event with its own acceptance time and its own name
        StreamConsumer.ensureGroup(redis.sync(), key, "g");
        try (StreamConsumer consumer = new StreamConsumer(client, key, "g", "c1")) {
            List<StreamEntry> read = new ArrayList<>();
            for (List<StreamEntry> page = consumer.readNew(500, Duration.ofMillis(100));
                    !page.isEmpty();
                    page = consumer.readNew(500, Duration.ofMillis(100))) {
                read.addAll(page);
            }
            assertThat(read).hasSize(n);
            assertThat(read).extracting(StreamEntry::key).doesNotHaveDuplicates();
            assertThat(read)
                    .allSatisfy(e -> assertThat(e.receivedAtMicros())
                            .as("received time of %s", new String(e.event(), StandardCharsets.UTF_8))
                            .isEqualTo(stampOf(new String(e.event(), StandardCharsets.UTF_8))));
        }
    }

    @Test
    void more_events_in_flight_than_the_bound_are_refused_at_once_as_backpressure(TestInfo test) throws Exception {
        StreamAppender appender = started(test, 10);

        CompletableFuture<Integer> tooBig = appender.append(events(11), 1);
        assertThat(tooBig).isCompletedExceptionally();
        assertThat(tooBig)
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(BackpressureException.class);
        assertThat(appender.inFlightEvents()).isZero();

        // Redis holds every command for a second, so the first append stays in flight meanwhile
        redis.sync().clientPause(1000);
        CompletableFuture<Integer> six = appender.append(events(6), 1);
        CompletableFuture<Integer> five = appender.append(events(5), 1);
        CompletableFuture<Integer> four = appender.append(events(4), 1);

        assertThat(five).isCompletedExceptionally();
        assertThat(five)
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(BackpressureException.class);
        assertThat(six.get(30, TimeUnit.SECONDS)).isEqualTo(6);
        assertThat(four.get(30, TimeUnit.SECONDS)).isEqualTo(4);
        assertThat(flattened()).hasSize(10);
        assertThat(appender.inFlightEvents()).isZero();
    }

    @Test
    void more_event_bytes_in_flight_than_the_bound_are_refused_at_once_but_a_request_alone_goes(TestInfo test)
            throws Exception {
        StreamAppender appender = started(test, 1000, 100);
        byte[] sixty = json("[" + "1,".repeat(28) + "10]");
        assertThat(sixty).hasSize(60);

        // Redis holds every command for a second, so the first append stays in flight meanwhile
        redis.sync().clientPause(1000);
        CompletableFuture<Integer> first = appender.append(List.of(sixty), 1);
        CompletableFuture<Integer> second = appender.append(List.of(sixty), 1);
        CompletableFuture<Integer> small = appender.append(List.of(json("[2]")), 1);

        assertThat(second)
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(BackpressureException.class)
                .withMessage("more than 100 bytes of events are on their way to Redis; retry shortly");
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(small.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(appender.inFlightBytes()).isZero();
        // alone, a request above the bound still goes: nothing is refused forever
        assertThat(appender.append(List.of(sixty, sixty), 1).get(30, TimeUnit.SECONDS))
                .isEqualTo(2);
        assertThat(flattened()).hasSize(4);
    }

    @Test
    void a_closed_appender_refuses_and_stores_nothing(TestInfo test) {
        StreamAppender appender = started(test, 1000);
        appender.close(Duration.ofSeconds(5));

        CompletableFuture<Integer> refused = appender.append(events(1), 1);

        assertThat(refused)
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(
                        StoreUnavailableException.class,
                        e -> assertThat(e.mayBeStored()).isFalse());
        assertThat(redis.sync().exists(key)).isZero();
    }

    @Test
    void a_keyed_batch_lands_once_and_a_replay_returns_the_first_answer(TestInfo test) throws Exception {
        StreamAppender appender = started(test, 1000);
        IdempotencyKey idem = new IdempotencyKey("order-7", new byte[32]);

        Optional<IdempotencyKey.Stored> first =
                appender.appendOnce(events(3), 5, idem, "{\"accepted\":3}").get(30, TimeUnit.SECONDS);
        Optional<IdempotencyKey.Stored> replay =
                appender.appendOnce(events(3), 6, idem, "{\"accepted\":3}").get(30, TimeUnit.SECONDS);

        assertThat(first).isEmpty();
        assertThat(replay).hasValueSatisfying(s -> {
            assertThat(s.answer()).isEqualTo("{\"accepted\":3}");
            assertThat(s.sameBody(idem)).isTrue();
        });
        assertThat(flattened()).extracting(Flat::stamp).containsExactly("5", "5", "5");
        redis.sync().del(appender.idempotencyRecordKey("order-7"));
    }

    private StreamAppender started(TestInfo test, long maxInFlightEvents) {
        return started(test, maxInFlightEvents, StreamAppender.defaultMaxInFlightBytes());
    }

    private StreamAppender started(TestInfo test, long maxInFlightEvents, long maxInFlightBytes) {
        key = "appender_" + test.getTestMethod().orElseThrow().getName();
        redis.sync().del(key, StreamFields.extraEventsKey(key));
        StreamAppender appender = new StreamAppender(
                client, key, maxInFlightEvents, maxInFlightBytes, Duration.ofSeconds(10), Duration.ofMinutes(1));
        appenders.add(appender);
        appender.start();
        return appender;
    }

    private List<StreamMessage<String, byte[]>> xrange() {
        return redis.sync().xrange(key, Range.create("-", "+"));
    }

    /** One event as the stream holds it, single or packed. */
    private record Flat(String entryId, String event, String stamp, UUID eventId) {}

    /** Every event in the stream, in order, packed entries unpacked. */
    private List<Flat> flattened() {
        List<Flat> out = new ArrayList<>();
        for (StreamMessage<String, byte[]> e : xrange()) {
            String stamp = text(e, StreamFields.RECEIVED_AT);
            byte[] ids = e.getBody().get(StreamFields.EVENT_IDS);
            if (ids == null) {
                out.add(new Flat(
                        e.getId(),
                        text(e, StreamFields.EVENT),
                        stamp,
                        EventIds.toUuid(e.getBody().get(StreamFields.EVENT_ID))));
                continue;
            }
            List<byte[]> events = PackedEvents.unpack(e.getBody().get(StreamFields.EVENTS), ids.length / 16);
            assertThat(events).as("events of packed entry %s", e.getId()).isNotNull();
            byte[] stamps = e.getBody().get(StreamFields.RECEIVED_ATS);
            if (stamps != null) {
                assertThat(stamps).as("8 bytes of received_ats per event").hasSize(8 * events.size());
                assertThat(stamp)
                        .as("received_at of a coalesced entry is its first event's")
                        .isEqualTo(Long.toString(ByteBuffer.wrap(stamps).getLong()));
            }
            for (int i = 0; i < events.size(); i++) {
                out.add(new Flat(
                        e.getId(),
                        new String(events.get(i), StandardCharsets.UTF_8),
                        stamps == null
                                ? stamp
                                : Long.toString(
                                        ByteBuffer.wrap(stamps, 8 * i, 8).getLong()),
                        EventIds.toUuid(Arrays.copyOfRange(ids, 16 * i, 16 * i + 16))));
            }
        }
        return out;
    }

    private static List<String> texts(List<byte[]> events) {
        return events.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    /** Odd for the batches (odd i), so an entry tells which kind of append it came from. */
    private static long stamp(int thread, int i) {
        return 1_000_000L * thread + i;
    }

    /** The stamp an event of the concurrent tests was appended with, from its "t" and "i". */
    private static long stampOf(String event) {
        Matcher m = TI.matcher(event);
        assertThat(m.find()).as("t and i in %s", event).isTrue();
        return stamp(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    private static final Pattern TI = Pattern.compile("\"t\":(\\d+),\"i\":(\\d+)");

    private static List<byte[]> events(int n) {
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(json("[" + i + "]"));
        }
        return events;
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(StreamMessage<String, byte[]> e, String field) {
        return new String(e.getBody().get(field), StandardCharsets.UTF_8);
    }
}
