package dev.sluice.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandExecutionException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class RedisFailuresTest {

    @Test
    void redis_oom_from_xadd_or_from_the_batch_script_is_backpressure() {
        assertThat(StreamAppender.isOutOfMemory(new CompletionException(
                        new RedisCommandExecutionException("OOM command not allowed when used memory > 'maxmemory'."))))
                .isTrue();
        assertThat(
                        StreamAppender.isOutOfMemory(
                                new RedisCommandExecutionException(
                                        "ERR Error running script (call to f_1): "
                                                + "@user_script:3: @user_script: 3: -OOM command not allowed when used memory > 'maxmemory'.")))
                .isTrue();
        assertThat(StreamAppender.isOutOfMemory(new RedisCommandExecutionException("NOGROUP No such key")))
                .isFalse();
    }

    @Test
    void a_command_lettuce_refused_while_disconnected_was_never_sent() {
        assertThat(StreamAppender.refusedUnsent(new CompletionException(
                        new io.lettuce.core.RedisException("Currently not connected. Commands are rejected."))))
                .isTrue();
        assertThat(StreamAppender.refusedUnsent(new io.lettuce.core.RedisException("Connection is closed")))
                .isTrue();
        // in flight when the connection dropped, or timed out after sending: Redis may have run it
        assertThat(StreamAppender.refusedUnsent(new io.lettuce.core.RedisException("Connection closed")))
                .isFalse();
        assertThat(StreamAppender.refusedUnsent(
                        new io.lettuce.core.RedisCommandTimeoutException("Command timed out after 2 second(s)")))
                .isFalse();
    }
}
