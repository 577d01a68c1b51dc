package dev.sluice.engine.health;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.EngineStartException;
import org.junit.jupiter.api.Test;

class RedisPolicyCheckTest {

    @Test
    void a_policy_that_can_evict_the_stream_refuses_to_start_unless_allowed() {
        assertThatThrownBy(() -> RedisPolicyCheck.check("Redis at redis://h:6379", "allkeys-lru", "1", false))
                .isInstanceOf(EngineStartException.class)
                .hasMessage(
                        "Redis at redis://h:6379 has maxmemory-policy allkeys-lru, which can evict the stream and lose"
                                + " accepted events; set it to noeviction, or pass --allow-eviction");
        assertThatCode(() -> RedisPolicyCheck.check("r", "allkeys-lfu", "1", true))
                .doesNotThrowAnyException();
    }

    @Test
    void noeviction_and_volatile_policies_start_and_missing_aof_only_warns() {
        for (String policy : new String[] {"noeviction", "volatile-lru", "volatile-ttl", "volatile-random", null}) {
            assertThatCode(() -> RedisPolicyCheck.check("r", policy, "0", false))
                    .doesNotThrowAnyException();
        }
    }
}
