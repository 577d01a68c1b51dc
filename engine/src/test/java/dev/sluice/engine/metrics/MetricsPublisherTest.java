package dev.sluice.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.EngineState;
import dev.sluice.api.Knobs;
import dev.sluice.api.LoadStatus;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.StoreInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MetricsPublisherTest {
    private final IngestCounters counters = new IngestCounters();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicReference<StoreSample> store = new AtomicReference<>(new StoreSample(0, 0, 1, 2, 0, 0));
    private final MetricsPublisher publisher = new MetricsPublisher(
            new MetricsPublisher.Sources(
                    counters,
                    store::get,
                    () -> EngineState.RUNNING,
                    Knobs::defaults,
                    () -> 4,
                    new StoreInfo("postgresql://x/db", "embedded", "redis://x", "embedded"),
                    () -> LoadStatus.IDLE),
            nanos::get,
            () -> Instant.EPOCH,
            Duration.ofSeconds(1),
            5);

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void rates_are_the_difference_to_the_previous_tick_over_the_time_that_passed() {
        for (int i = 0; i < 100; i++) {
            counters.writeAccepted(10);
        }
        for (int i = 0; i < 10; i++) {
            counters.writeRejected();
        }
        counters.committed(200, 0, true);
        for (int i = 0; i < 3; i++) {
            counters.committed(200, 0, false);
        }
        advance(Duration.ofMillis(500));
        MetricsSnapshot first = publisher.tick();
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.api().eventsPerSec()).isEqualTo(2000.0);
        assertThat(first.api().requestsPerSec()).isEqualTo(220.0);
        assertThat(first.api().clientErrorsPerSec()).isEqualTo(20.0);
        assertThat(first.workers().rowsPerSec()).isEqualTo(1600.0);
        assertThat(first.workers().meanRowsPerFlush()).isEqualTo(200.0);
        assertThat(first.workers().sizeFlushShare()).isEqualTo(0.25);

        counters.writeAccepted(300);
        advance(Duration.ofSeconds(2));
        MetricsSnapshot second = publisher.tick();
        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.api().eventsPerSec()).isEqualTo(150.0);
        assertThat(second.workers().rowsPerSec()).isZero();
        assertThat(second.workers().meanRowsPerFlush()).isZero();
        assertThat(second.totals().eventsAccepted()).isEqualTo(1300);
        assertThat(second.uptimeMillis()).isEqualTo(2500);
    }

    @Test
    void pending_counts_the_events_of_packed_entries_the_workers_hold_not_the_entries() {
        // 3 entries pending in Redis: two packed ones of 32 events the workers hold, one single event
        counters.heldExtraEvents(2 * 31);
        store.set(new StoreSample(1000, 3, 0, 0, 0, 0));

        MetricsSnapshot.StreamStats stream = publisher.tick().stream();

        assertThat(stream.pending()).isEqualTo(65);
        assertThat(stream.lag()).isEqualTo(935);
    }

    @Test
    void lag_is_backlog_minus_pending_and_unknown_when_redis_is_away() {
        store.set(new StoreSample(120, 20, 0, 0, 0, 0));
        assertThat(publisher.tick().stream().lag()).isEqualTo(100);
        store.set(StoreSample.UNKNOWN);
        MetricsSnapshot s = publisher.tick();
        assertThat(s.stream().backlog()).isEqualTo(-1);
        assertThat(s.stream().lag()).isEqualTo(-1);
    }

    @Test
    void latency_percentiles_come_from_the_last_tick_only() {
        for (int i = 1; i <= 100; i++) {
            counters.recordWriteLatency(i * 1_000_000L);
        }
        MetricsSnapshot s = publisher.tick();
        assertThat(s.api().latency().p50Micros()).isBetween(49_000L, 51_000L);
        assertThat(s.api().latency().p99Micros()).isBetween(98_000L, 100_000L);
        assertThat(s.api().latency().maxMicros()).isBetween(99_000L, 101_000L);
        assertThat(publisher.tick().api().latency()).isEqualTo(MetricsSnapshot.Latency.NONE);
    }

    @Test
    void history_is_bounded_and_ordered() {
        for (int i = 0; i < 12; i++) {
            advance(Duration.ofSeconds(1));
            publisher.tick();
        }
        List<MetricsSnapshot> h = publisher.history();
        assertThat(h).extracting(MetricsSnapshot::seq).containsExactly(8L, 9L, 10L, 11L, 12L);
    }

    @Test
    void a_failing_subscriber_is_kept_and_does_not_stop_others() throws Exception {
        List<Long> seen = new ArrayList<>();
        publisher.subscribe(s -> {
            throw new IllegalStateException("boom");
        });
        AutoCloseable sub = publisher.subscribe(s -> seen.add(s.seq()));
        publisher.tick();
        publisher.tick();
        sub.close();
        publisher.tick();
        assertThat(seen).containsExactly(1L, 2L);
    }
}
