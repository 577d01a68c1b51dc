package dev.sluice.engine.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.IngestMode;
import dev.sluice.api.Knobs;
import dev.sluice.engine.config.EngineConfig.StreamConfig;
import dev.sluice.engine.metrics.IngestCounters;
import dev.sluice.engine.sink.FakeSink;
import dev.sluice.testing.Await;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final IngestCounters counters = new IngestCounters();
    private final FakeSink sink = new FakeSink();
    private final FakeStream stream = new FakeStream(sink::finished);
    private WorkerPool pool;

    @AfterEach
    void stopPool() {
        if (pool != null) {
            pool.stop(WAIT);
        }
        assertThat(stream.violations()).isEmpty();
    }

    @Test
    void resizing_up_and_down_under_load_writes_and_acknowledges_every_entry_exactly_once() {
        pool = pool(Duration.ofSeconds(30), new Knobs(1, 50, Duration.ofMillis(5), IngestMode.STREAM_COPY, false));
        int[] sizes = {1, 4, 2, 6, 1, 3};
        int perStep = 1000;
        for (int step = 0; step < sizes.length; step++) {
            pool.resize(sizes[step]);
            assertThat(pool.size()).isEqualTo(sizes[step]);
            for (int i = 0; i < perStep; i++) {
                stream.add("{\"step\":" + step + ",\"i\":" + i + "}");
            }
            int halfwayThisStep = step * perStep + perStep / 2;
            // resize again while this step's entries are still being read and buffered
            Await.until(
                    halfwayThisStep + " rows stored",
                    WAIT,
                    () -> sink.storedIds().size() >= halfwayThisStep);
        }
        int total = sizes.length * perStep;
        Await.until(total + " rows stored", WAIT, () -> sink.storedIds().size() == total);

        pool.stop(WAIT);

        List<String> written =
                sink.calls().stream().flatMap(c -> c.ids().stream()).toList();
        assertThat(written)
                .as("every entry is in exactly one write")
                .hasSize(total)
                .doesNotHaveDuplicates();
        assertThat(stream.acks())
                .hasSize(total)
                .allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
        assertThat(stream.pendingCount()).isZero();
        assertThat(counters.snapshot().duplicatesSkipped()).isZero();
        // 1, +3, -2, +4, -5, +2: one consumer per started worker, every one closed
        assertThat(stream.members()).hasSize(10).allMatch(FakeStream.Member::closed);
        assertThat(pool.size()).isZero();
    }

    @Test
    void what_a_worker_stopped_by_shrinking_could_not_write_is_reclaimed_by_another() {
        sink.failAllWrites("08006");
        pool = pool(Duration.ofMillis(200), new Knobs(1, 10, Duration.ofMillis(5), IngestMode.STREAM_COPY, false));
        pool.resize(1);
        for (int i = 0; i < 10; i++) {
            stream.add("{}");
        }
        Await.until(
                "worker 1 holds the batch it cannot write",
                WAIT,
                () -> stream.pendingWith("test-w1").size() == 10
                        && !sink.calls().isEmpty());

        pool.resize(0);
        pool.resize(1);
        FakeStream.Member first = stream.members().get(0);
        Await.until("worker 1 stopped", WAIT, first::closed);
        assertThat(stream.acks()).isEmpty();
        sink.heal();

        Await.until("10 entries acknowledged", WAIT, () -> stream.acks().size() == 10);
        assertThat(sink.storedIds()).hasSize(10).doesNotHaveDuplicates();
        assertThat(stream.acks().values()).containsOnly(1);
        assertThat(stream.members()).extracting(FakeStream.Member::name).containsExactly("test-w1", "test-w2");
    }

    @Test
    void stop_returns_once_every_worker_has_flushed_acknowledged_and_closed() {
        pool = pool(Duration.ofSeconds(30), new Knobs(1, 1000, Duration.ofMillis(400), IngestMode.STREAM_COPY, false));
        pool.resize(3);
        for (int i = 0; i < 300; i++) {
            stream.add("{}");
        }
        Await.until("every entry read", WAIT, () -> stream.undeliveredCount() == 0);

        pool.stop(WAIT);

        assertThat(stream.members()).hasSize(3).allMatch(FakeStream.Member::closed);
        assertThat(stream.pendingCount()).isZero();
        assertThat(stream.acks()).hasSize(300);
        assertThat(sink.storedIds()).hasSize(300);
        assertThat(pool.size()).isZero();

        pool.stop(WAIT);
        assertThat(stream.members()).hasSize(3);
    }

    private WorkerPool pool(Duration reclaimIdle, Knobs knobs) {
        StreamConfig config = new StreamConfig("s", "g", "test", reclaimIdle, 3);
        return new WorkerPool(stream::member, java.util.List.of(config.key()), sink, () -> knobs, config, counters);
    }

    @Test
    void workers_spread_over_shard_keys_so_each_key_has_a_reader_and_each_worker_a_key() {
        List<String> four = List.of("k{0}", "k{1}", "k{2}", "k{3}");
        assertThat(WorkerPool.readBy(0, 3, four)).containsExactly("k{0}", "k{3}");
        assertThat(WorkerPool.readBy(1, 3, four)).containsExactly("k{1}");
        assertThat(WorkerPool.readBy(2, 3, four)).containsExactly("k{2}");
        // more workers than keys: each key read by several
        assertThat(WorkerPool.readBy(5, 10, four)).containsExactly("k{1}");
        assertThat(WorkerPool.readBy(0, 1, four)).containsExactly("k{0}", "k{1}", "k{2}", "k{3}");
        assertThat(WorkerPool.readBy(0, 0, four)).isEmpty();
    }
}
