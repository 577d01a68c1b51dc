package dev.sluice.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.MetricsSnapshot.Health;
import dev.sluice.testing.Await;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StoreHealthMonitorTest {

    /** A check that hangs while {@code hang} is set, and fails while {@code fail} is set. */
    static final class FakeCheck implements StoreCheck {
        final String name;
        final AtomicBoolean fail = new AtomicBoolean();
        volatile CountDownLatch hang = new CountDownLatch(0);

        FakeCheck(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void check() throws Exception {
            hang.await();
            if (fail.get()) {
                throw new IOException("Connection refused");
            }
        }

        @Override
        public void close() {}
    }

    @Test
    void a_hung_store_is_down_without_delaying_the_other_and_recovery_is_reported() {
        FakeCheck pg = new FakeCheck("postgres");
        FakeCheck redis = new FakeCheck("redis");
        try (StoreHealthMonitor m = new StoreHealthMonitor(
                List.of(pg, redis),
                s -> s.equals("postgres") ? 2 : 0,
                Duration.ofMillis(20),
                Duration.ofMillis(200),
                System::nanoTime,
                Instant::now)) {
            m.start();
            assertThat(m.readiness()).containsEntry("postgres", "").containsEntry("redis", "");
            pg.hang = new CountDownLatch(1);
            Await.until(
                    "postgres reported down",
                    Duration.ofSeconds(10),
                    () -> !m.readiness().get("postgres").isEmpty());
            assertThat(m.readiness().get("postgres")).startsWith("did not answer for ");
            assertThat(m.readiness().get("redis")).isEmpty();
            Health h = m.health();
            assertThat(h.degradedBy()).containsExactly("postgres");
            assertThat(h.postgres().up()).isFalse();
            assertThat(h.postgres().restarts()).isEqualTo(2);
            assertThat(m.anyDown()).isTrue();

            pg.hang.countDown();
            Await.until(
                    "postgres back",
                    Duration.ofSeconds(10),
                    () -> m.health().postgres().up());
            assertThat(m.health().postgres().lastRecoveryMillis()).isGreaterThanOrEqualTo(200);
            assertThat(m.health().degradedBy()).isEmpty();
        }
    }

    @Test
    void a_failing_check_names_the_error() {
        FakeCheck redis = new FakeCheck("redis");
        redis.fail.set(true);
        try (StoreHealthMonitor m = new StoreHealthMonitor(
                List.of(redis),
                s -> 0,
                Duration.ofMillis(20),
                Duration.ofMillis(500),
                System::nanoTime,
                Instant::now)) {
            m.start();
            Await.until(
                    "redis reported down",
                    Duration.ofSeconds(10),
                    () -> !m.health().redis().up());
            assertThat(m.readiness().get("redis"))
                    .contains("did not answer for")
                    .contains("Connection refused");
            redis.fail.set(false);
            Await.until(
                    "redis back",
                    Duration.ofSeconds(10),
                    () -> m.health().redis().up());
            assertThat(m.health().redis().lastRecoveryMillis()).isGreaterThanOrEqualTo(0);
        }
    }
}
