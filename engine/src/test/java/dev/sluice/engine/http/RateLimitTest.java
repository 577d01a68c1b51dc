package dev.sluice.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void passes_the_set_rate_over_a_second_and_refuses_the_rest() {
        AtomicLong now = new AtomicLong();
        RateLimit limit = new RateLimit(1000, now::get);
        int passed = 0;
        // 2,000 requests spread evenly over one second: the bucket's tenth of a second, then 1,000/s
        for (int i = 0; i < 2000; i++) {
            now.addAndGet(500_000);
            if (limit.tryAcquire()) {
                passed++;
            }
        }
        assertThat(passed)
                .as("requests passed at 2,000/s against a limit of 1,000/s")
                .isBetween(1000, 1101);
    }

    @Test
    void under_the_limit_nothing_is_refused() {
        AtomicLong now = new AtomicLong();
        RateLimit limit = new RateLimit(1000, now::get);
        for (int i = 0; i < 5000; i++) {
            now.addAndGet(1_100_000); // 909/s
            assertThat(limit.tryAcquire()).as("request %d at 909/s", i).isTrue();
        }
        assertThat(RateLimit.NONE.tryAcquire()).isTrue();
    }
}
