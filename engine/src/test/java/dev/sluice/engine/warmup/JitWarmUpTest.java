package dev.sluice.engine.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JitWarmUpTest {

    @Test
    void with_nothing_listening_it_ends_at_its_limit_having_answered_nothing() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        // compilers never idle: only the limit can end it
        long[] compiled = {0};
        JitWarmUp.Result r = JitWarmUp.run(
                URI.create("http://127.0.0.1:" + port),
                Duration.ofMillis(1500),
                () -> false,
                () -> compiled[0] += 1000);
        assertThat(r.settled()).as("%s", r).isFalse();
        assertThat(r.answered()).as("%s", r).isZero();
        assertThat(r.refused()).as("connections refused (%s)", r).isPositive();
    }

    @Test
    void a_cancelled_warm_up_ends_at_the_next_sample_not_at_its_limit() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        AtomicInteger asked = new AtomicInteger();
        long[] compiled = {0};
        JitWarmUp.Result r = JitWarmUp.run(
                URI.create("http://127.0.0.1:" + port),
                Duration.ofMinutes(10),
                () -> asked.incrementAndGet() > 2,
                () -> compiled[0] += 1000);
        assertThat(r.settled()).as("%s", r).isFalse();
        assertThat(r.took())
                .as("ended by the cancel, not the 10 min limit (%s)", r)
                .isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void every_request_is_a_complete_post_of_valid_length() {
        List<byte[]> requests = JitWarmUp.requests("127.0.0.1:1");
        assertThat(requests).hasSize(31);
        for (byte[] request : requests) {
            String text = new String(request, StandardCharsets.UTF_8);
            assertThat(text).startsWith("POST /write HTTP/1.1\r\n");
            int bodyStart = text.indexOf("\r\n\r\n") + 4;
            String length = text.lines()
                    .filter(l -> l.startsWith("Content-Length: "))
                    .findFirst()
                    .orElseThrow()
                    .substring(16);
            assertThat(request.length - bodyStart).isEqualTo(Integer.parseInt(length));
        }
    }
}
