package dev.sluice.engine.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.IngestMode;
import dev.sluice.api.Knobs;
import dev.sluice.engine.config.EngineConfig.StreamConfig;
import dev.sluice.engine.metrics.IngestCounters;
import dev.sluice.engine.sink.FakeSink;
import dev.sluice.engine.sink.FakeSink.Call;
import dev.sluice.engine.sink.FakeSink.Op;
import dev.sluice.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamWorkerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Longer than any test runs: a flush seen under it was not due to the interval. */
    private static final Duration NEVER_DUE = Knobs.MAX_FLUSH_INTERVAL;

    private static final int MAX_ATTEMPTS = 3;

    private final IngestCounters counters = new IngestCounters();
    private final FakeSink sink = new FakeSink();
    private final FakeStream stream = new FakeStream(sink::finished);
    private final FakeStream.Member consumer = stream.member("test-w1");
    private StreamWorker worker;
    private Thread thread;

    @AfterEach
    void stopWorker() throws InterruptedException {
        if (thread != null) {
            worker.requestStop();
            thread.join(WAIT.toMillis());
            assertThat(thread.isAlive()).as("worker thread ended").isFalse();
        }
        assertThat(stream.violations()).isEmpty();
    }

    @Test
    void a_full_batch_is_flushed_at_once_without_waiting_for_the_interval() {
        List<String> ids = addAll(8);
        start(knobs(4, NEVER_DUE));

        Await.until("8 rows stored", WAIT, () -> sink.storedIds().size() == 8);

        assertThat(sink.calls())
                .containsExactly(new Call(Op.COPY, ids.subList(0, 4)), new Call(Op.COPY, ids.subList(4, 8)));
        assertThat(counters.snapshot().flushesBySize()).isEqualTo(2);
        Await.until("8 entries acknowledged", WAIT, () -> stream.acks().size() == 8);
        assertThat(stream.pendingCount()).isZero();
    }

    @Test
    void large_events_are_flushed_once_a_worker_holds_its_byte_limit_not_its_batch_size() {
        // 1 MiB events: a batch of 500 would be 500 MiB in one worker
        String big = "\"" + "x".repeat((1 << 20) - 2) + "\"";
        int perFlush = (int) (StreamWorker.MAX_BUFFER_BYTES / (1 << 20));
        List<String> ids =
                IntStream.range(0, 3 * perFlush).mapToObj(i -> stream.add(big)).toList();
        start(knobs(500, NEVER_DUE));

        Await.until("all rows stored", WAIT, () -> sink.storedIds().size() == ids.size());

        assertThat(sink.calls())
                .as("flushes of %d MiB, full by bytes (the interval is never due)", perFlush)
                .allSatisfy(c -> assertThat(c.ids()).hasSize(perFlush));
        assertThat(sink.storedIds()).containsExactlyElementsOf(ids);
    }

    @Test
    void a_partial_batch_is_flushed_when_the_interval_is_due() {
        List<String> ids = addAll(3);
        start(knobs(1000, Duration.ofMillis(50)));

        Await.until("3 rows stored", WAIT, () -> sink.storedIds().size() == 3);

        assertThat(sink.calls()).containsExactly(new Call(Op.COPY, ids));
        assertThat(counters.snapshot().flushes()).isEqualTo(1);
        assertThat(counters.snapshot().flushesBySize()).isZero();
    }

    @Test
    void while_postgres_is_down_nothing_is_acknowledged_and_the_batch_is_retried_whole() {
        sink.failAllWrites("08006");
        List<String> ids = addAll(3);
        start(knobs(3, NEVER_DUE));

        Await.until(
                "a retry after the first failed flush", WAIT, () -> sink.calls().size() >= 2);
        assertThat(stream.acks()).isEmpty();
        assertThat(stream.pendingWith("test-w1")).containsExactlyElementsOf(ids);
        assertThat(sink.deadLetters()).isEmpty();

        sink.heal();
        Await.until("3 entries acknowledged", WAIT, () -> stream.acks().size() == 3);
        assertThat(sink.calls()).allMatch(c -> c.equals(new Call(Op.COPY, ids)));
        assertThat(sink.storedIds()).containsExactlyElementsOf(ids);
        assertThat(stream.acks()).containsOnly(Map.entry("1-0", 1), Map.entry("2-0", 1), Map.entry("3-0", 1));
        assertThat(counters.snapshot().sinkErrors()).isEqualTo(sink.calls().size() - 1);
    }

    @Test
    void a_stop_while_postgres_is_down_acknowledges_nothing_and_leaves_the_entries_pending()
            throws InterruptedException {
        sink.failAllWrites("08006");
        List<String> ids = addAll(2);
        start(knobs(2, NEVER_DUE));
        Await.until("a first failed flush", WAIT, () -> !sink.calls().isEmpty());

        stopAndJoin();

        assertThat(stream.acks()).isEmpty();
        assertThat(stream.pendingWith("test-w1")).containsExactlyElementsOf(ids);
        assertThat(sink.storedIds()).isEmpty();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void a_stop_flushes_and_acknowledges_what_the_worker_holds() throws InterruptedException {
        // reclaimed from a crashed consumer: buffered at once, with no partial-read pause before the next read
        List<String> ids = List.of(stream.addPending("{}", "test-w9"), stream.addPending("{}", "test-w9"));
        start(knobs(1000, NEVER_DUE));
        Await.until(
                "the worker holds both and reads for more",
                WAIT,
                () -> stream.pendingWith("test-w1").size() == 2 && consumer.reads() >= 2);
        assertThat(sink.calls()).isEmpty();

        stopAndJoin();

        assertThat(sink.calls()).containsExactly(new Call(Op.INSERT, ids));
        assertThat(stream.acks()).containsOnlyKeys(ids);
        assertThat(stream.pendingCount()).isZero();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void a_failed_acknowledgement_is_retried_without_writing_the_rows_again() {
        stream.failNextAcks(1);
        List<String> ids = addAll(2);
        start(knobs(2, NEVER_DUE));

        Await.until("2 entries acknowledged", WAIT, () -> stream.acks().size() == 2);

        assertThat(sink.calls()).containsExactly(new Call(Op.COPY, ids));
        assertThat(stream.acks()).containsOnly(Map.entry("1-0", 1), Map.entry("2-0", 1));
        assertThat(counters.snapshot().streamErrors()).isEqualTo(1);
    }

    @Test
    void a_failed_read_is_retried() {
        stream.failNextReads(1);
        List<String> ids = addAll(2);
        start(knobs(2, NEVER_DUE));

        Await.until("2 entries acknowledged", WAIT, () -> stream.acks().size() == 2);

        assertThat(sink.storedIds()).containsExactlyElementsOf(ids);
        assertThat(counters.snapshot().streamErrors()).isEqualTo(1);
    }

    @Test
    void entries_held_before_a_restart_are_rewritten_with_the_conflict_safe_insert_first() {
        List<String> mine = List.of(stream.addPending("{}", "test-w1"), stream.addPending("{}", "test-w1"));
        String fresh = stream.add("{}");
        start(knobs(1000, Duration.ofMillis(20)));

        Await.until("3 entries acknowledged", WAIT, () -> stream.acks().size() == 3);

        assertThat(sink.calls()).containsExactly(new Call(Op.INSERT, mine), new Call(Op.COPY, List.of(fresh)));
        assertThat(counters.snapshot().rowsCommitted()).isEqualTo(3);
    }

    @Test
    void a_poison_entry_is_dead_lettered_after_max_attempts_while_the_rest_is_written() {
        sink.rejectEventsContaining("poison", "22P02");
        String good1 = stream.add("{}");
        String poison = stream.add("{\"poison\":true}");
        String good2 = stream.add("{}");
        start(knobs(3, Duration.ofMillis(5)));

        Await.until("3 entries acknowledged", WAIT, () -> stream.acks().size() == 3);

        assertThat(sink.storedIds()).containsExactly(good1, good2);
        assertThat(sink.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(poison);
            assertThat(d.attempts()).isEqualTo(MAX_ATTEMPTS);
        });
        assertThat(counters.snapshot().sinkErrors())
                .as("a content fault is not a sink outage")
                .isZero();
    }

    private List<String> addAll(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> stream.add("{\"n\":" + i + "}"))
                .toList();
    }

    private static Knobs knobs(int batchSize, Duration flushInterval) {
        return new Knobs(1, batchSize, flushInterval, IngestMode.STREAM_COPY, false);
    }

    private void start(Knobs knobs) {
        StreamConfig config = new StreamConfig("s", "g", "test", Duration.ofSeconds(30), MAX_ATTEMPTS);
        worker = new StreamWorker(consumer, sink, () -> knobs, config, counters);
        thread = new Thread(worker, "stream-worker-1");
        thread.start();
    }

    private void stopAndJoin() throws InterruptedException {
        worker.requestStop();
        thread.join(WAIT.toMillis());
        assertThat(thread.isAlive()).as("worker thread ended").isFalse();
    }
}
