package dev.sluice.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoreSupervisorTest {
    private static final Duration MS = Duration.ofMillis(1);

    @Test
    void a_dead_store_is_restarted_after_failed_tries_and_counted_once() {
        AtomicBoolean alive = new AtomicBoolean(true);
        AtomicInteger tries = new AtomicInteger();
        StoreSupervisor.Supervised redis = new StoreSupervisor.Supervised("redis", alive::get, () -> {
            if (tries.incrementAndGet() < 3) {
                throw new IOException("port still in use");
            }
            alive.set(true);
        });
        try (StoreSupervisor s = new StoreSupervisor(List.of(redis), MS, MS, Duration.ofMillis(4), 5)) {
            s.start();
            alive.set(false);
            await("redis restarted").atMost(Duration.ofSeconds(10)).until(() -> s.restarts("redis") == 1);
            assertThat(tries).hasValue(3);
            assertThat(s.gaveUp("redis")).isFalse();
            assertThat(s.restarts("postgres")).isZero();
        }
    }

    @Test
    void it_gives_up_after_the_last_try_and_stops_trying() {
        AtomicInteger tries = new AtomicInteger();
        StoreSupervisor.Supervised pg = new StoreSupervisor.Supervised("postgres", () -> false, () -> {
            tries.incrementAndGet();
            throw new IOException("could not start");
        });
        try (StoreSupervisor s = new StoreSupervisor(List.of(pg), MS, MS, Duration.ofMillis(4), 4)) {
            s.start();
            await("supervisor gave up").atMost(Duration.ofSeconds(10)).until(() -> s.gaveUp("postgres"));
            assertThat(tries).hasValue(4);
            assertThat(s.restarts("postgres")).isZero();
        }
    }
}
