package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The container health check: exit 0 only for a 200 from /ready, one line on stderr otherwise. */
class ReadyProbeTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void a_ready_engine_exits_0_and_prints_nothing() throws IOException {
        String url = serve(200, "{\"status\":\"ready\"}");
        assertThat(probe(url)).isZero();
        assertThat(stderr()).isEmpty();
    }

    @Test
    void a_503_exits_1_with_one_line_naming_the_store() throws IOException {
        String url = serve(
                503, "{\"title\":\"Service Unavailable\",\n\"detail\":\"not ready: redis did not answer for 4.2 s\"}");
        assertThat(probe(url)).isOne();
        assertThat(stderr().lines()).hasSize(1);
        assertThat(stderr()).contains("answered 503").contains("redis did not answer for 4.2 s");
    }

    @Test
    void nothing_listening_exits_1_with_one_line() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThat(probe("http://127.0.0.1:" + port + "/ready")).isOne();
        assertThat(stderr().lines()).hasSize(1);
        assertThat(stderr()).startsWith("not ready: http://127.0.0.1:" + port + "/ready: java.net.ConnectException");
    }

    @Test
    void an_engine_that_does_not_answer_in_time_exits_1() throws IOException {
        // the kernel completes the connection; nobody ever reads the request or answers it
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/ready";
            assertThat(ReadyProbe.check(
                            url, Duration.ofMillis(200), new PrintStream(err, true, StandardCharsets.UTF_8)))
                    .isOne();
        }
        assertThat(stderr()).contains("SocketTimeoutException");
    }

    private String serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ready", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ready";
    }

    private int probe(String url) {
        return ReadyProbe.check(url, Duration.ofSeconds(2), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
