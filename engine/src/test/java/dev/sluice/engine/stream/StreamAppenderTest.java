package dev.sluice.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the appender decides before it talks to Redis; the producer loop is covered by {@code StreamAppenderIT}. */
class StreamAppenderTest {
    /** Never connected: nothing listens on port 9 and an appender that is not started never dials. */
    private final RedisClient unconnected = RedisClient.create("redis://127.0.0.1:9");

    private final StreamAppender appender =
            new StreamAppender(unconnected, "s", 10, Duration.ofSeconds(2), Duration.ofHours(1));

    @AfterEach
    void release() {
        unconnected.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void an_appender_that_was_not_started_refuses_at_once_and_says_nothing_was_stored() {
        CompletableFuture<Integer> refused = appender.append(List.of("{}".getBytes(StandardCharsets.UTF_8)), 1);

        assertThat(refused).isCompletedExceptionally();
        assertThat(refused)
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("the engine is not accepting events");
                    assertThat(e.mayBeStored()).isFalse();
                });
        assertThat(appender.inFlightEvents()).isZero();
    }

    @Test
    void closing_an_appender_that_was_never_started_is_a_no_op_and_it_keeps_refusing() {
        appender.close(Duration.ZERO);
        appender.close();

        assertThat(appender.appendOnce(
                        List.of("{}".getBytes(StandardCharsets.UTF_8)),
                        1,
                        new IdempotencyKey("k", new byte[32]),
                        "{\"accepted\":1}"))
                .isCompletedExceptionally();
        assertThat(appender.inFlightEvents()).isZero();
    }

    @Test
    void an_idempotency_record_shares_the_streams_cluster_slot() {
        assertThat(appender.idempotencyRecordKey("order-7")).isEqualTo("{s}:idempotency:order-7");
    }
}
