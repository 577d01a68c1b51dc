package dev.sluice.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandExecutionException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class OutOfMemoryTest {

    @Test
    void redis_oom_from_xadd_or_from_the_batch_script_is_backpressure() {
        assertThat(StreamAppender.isOutOfMemory(new CompletionException(
                new RedisCommandExecutionException("OOM command not allowed when used memory > 'maxmemory'.")))).isTrue();
        assertThat(StreamAppender.isOutOfMemory(new RedisCommandExecutionException("ERR Error running script (call to f_1): "
                + "@user_script:3: @user_script: 3: -OOM command not allowed when used memory > 'maxmemory'."))).isTrue();
        assertThat(StreamAppender.isOutOfMemory(new RedisCommandExecutionException("NOGROUP No such key"))).isFalse();
    }
}
