package dev.sluice.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The body reader's rate rule on a scripted input stream and clock: what arrived when. */
class BodyReaderTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(42 * SECOND);
    private final ScriptedInput in = new ScriptedInput();

    @Test
    void a_complete_body_read_late_by_a_busy_server_is_not_too_slow() throws Exception {
        byte[] json = "{\"level\":\"INFO\",\"msg\":\"queued for five seconds before the engine read it\"}"
                .getBytes(StandardCharsets.UTF_8);
        CompletableFuture<byte[]> body = BodyReader.read(json.length, in, 1 << 20, 500, clock::get);
        clock.addAndGet(5 * SECOND);
        in.arrive(json);
        in.listener.onDataAvailable();
        in.end();
        assertThat(body.get()).isEqualTo(json);
    }

    @Test
    void a_complete_body_is_not_too_slow_even_before_its_end_is_signalled() throws Exception {
        byte[] json = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
        CompletableFuture<byte[]> body = BodyReader.read(json.length, in, 1 << 20, 500, clock::get);
        clock.addAndGet(3 * SECOND);
        in.arrive(json); // all bytes, and the stream says "not ready" until it signals the end
        in.listener.onDataAvailable();
        assertThat(body).isNotDone();
        in.end();
        assertThat(body.get()).isEqualTo(json);
    }

    @Test
    void a_body_still_arriving_below_the_rate_gets_408_after_the_first_second() throws Exception {
        CompletableFuture<byte[]> body = BodyReader.read(64, in, 1 << 20, 500, clock::get);
        in.arrive("{".getBytes(StandardCharsets.UTF_8));
        in.listener.onDataAvailable();
        clock.addAndGet(SECOND / 2);
        in.arrive("\"".getBytes(StandardCharsets.UTF_8));
        in.listener.onDataAvailable();
        assertThat(body).as("within the first second a body is never judged").isNotDone();

        clock.addAndGet(SECOND);
        in.arrive("a".getBytes(StandardCharsets.UTF_8));
        in.listener.onDataAvailable();
        assertThat(problemOf(body).status()).isEqualTo(408);
        assertThat(problemOf(body).getMessage()).contains("3 bytes in 1.5 s").contains("500 bytes/s (--min-body-rate)");
    }

    @Test
    void a_rate_of_zero_turns_the_check_off() throws Exception {
        CompletableFuture<byte[]> body = BodyReader.read(64, in, 1 << 20, 0, clock::get);
        clock.addAndGet(60 * SECOND);
        in.arrive("{".getBytes(StandardCharsets.UTF_8));
        in.listener.onDataAvailable();
        assertThat(body).isNotDone();
    }

    @Test
    void over_the_limit_while_reading_is_413() throws Exception {
        CompletableFuture<byte[]> body = BodyReader.read(-1, in, 1024, 500, clock::get);
        in.arrive(new byte[2048]);
        in.listener.onDataAvailable();
        assertThat(problemOf(body).status()).isEqualTo(413);
    }

    private static Problem problemOf(CompletableFuture<byte[]> body) {
        try {
            body.get();
            throw new AssertionError("expected the body to fail, it completed");
        } catch (ExecutionException e) {
            return (Problem) e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Bytes that have "arrived", handed out like Jetty's non-blocking input: ready while any are left. */
    private static final class ScriptedInput extends ServletInputStream {
        private final Deque<Byte> arrived = new ArrayDeque<>();
        private boolean ended;
        ReadListener listener;

        void arrive(byte[] bytes) {
            for (byte b : bytes) {
                arrived.add(b);
            }
        }

        void end() throws java.io.IOException {
            ended = true;
            listener.onDataAvailable();
            listener.onAllDataRead();
        }

        @Override
        public boolean isFinished() {
            return ended && arrived.isEmpty();
        }

        @Override
        public boolean isReady() {
            return !arrived.isEmpty() || ended;
        }

        @Override
        public void setReadListener(ReadListener l) {
            listener = l;
        }

        @Override
        public int read() {
            if (arrived.isEmpty()) {
                return ended ? -1 : 0;
            }
            return arrived.poll() & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (arrived.isEmpty()) {
                return ended ? -1 : 0;
            }
            int n = 0;
            while (n < len && !arrived.isEmpty()) {
                b[off + n++] = arrived.poll();
            }
            return n;
        }
    }
}
