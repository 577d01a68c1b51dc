package dev.sluice.engine.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.EngineStartException;
import dev.sluice.stores.ExternalStores;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.stores.RedisEndpoint;
import dev.sluice.testing.TestPorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The probe against closed ports and against a small fake RESP server that claims an old version
 * or demands a password (no real Redis 6.0 here). The happy path runs in every IT that starts an engine.
 */
class StoreProbeIT {

    @Test
    void postgres_on_a_closed_port_fails_fast_with_one_masked_line() throws IOException {
        int port = TestPorts.free();
        PostgresEndpoint pg = ExternalStores.of(
                        "postgresql://app:hunter2@127.0.0.1:" + port + "/logs", "redis://127.0.0.1:1")
                .postgres();
        long started = System.nanoTime();

        assertThatThrownBy(() -> StoreProbe.verifyPostgres(pg))
                .isInstanceOf(EngineStartException.class)
                .hasMessage("PostgreSQL at postgresql://app@127.0.0.1:" + port
                        + "/logs is unreachable: Connection refused");
        assertThat(millisSince(started)).isLessThan(5_000);
    }

    @Test
    void redis_on_a_closed_port_fails_fast_with_one_masked_line() throws IOException {
        int port = TestPorts.free();
        long started = System.nanoTime();

        assertThatThrownBy(() ->
                        StoreProbe.verifyRedis(new RedisEndpoint("redis://:hunter2@127.0.0.1:" + port, "external")))
                .isInstanceOf(EngineStartException.class)
                .hasMessage("Redis at redis://:****@127.0.0.1:" + port + " is unreachable: Connection refused");
        assertThat(millisSince(started)).isLessThan(5_000);
    }

    @Test
    void redis_older_than_6_2_is_refused_naming_the_version() throws Exception {
        try (FakeRedis fake = new FakeRedis(cmd ->
                cmd.startsWith("INFO") ? bulk("# Server\r\nredis_version:6.0.16\r\nprocess_id:1\r\n") : "+PONG\r\n")) {
            assertThatThrownBy(() ->
                            StoreProbe.verifyRedis(new RedisEndpoint("redis://127.0.0.1:" + fake.port(), "external")))
                    .isInstanceOf(EngineStartException.class)
                    .hasMessage("Redis at redis://127.0.0.1:" + fake.port()
                            + " is version 6.0.16; Sluice needs Redis 6.2 or newer (XAUTOCLAIM)");
        }
    }

    @Test
    void redis_that_wants_a_password_says_so_in_one_line() throws Exception {
        try (FakeRedis fake = new FakeRedis(cmd -> "-NOAUTH Authentication required.\r\n")) {
            assertThatThrownBy(() ->
                            StoreProbe.verifyRedis(new RedisEndpoint("redis://127.0.0.1:" + fake.port(), "external")))
                    .isInstanceOf(EngineStartException.class)
                    .hasMessage("Redis at redis://127.0.0.1:" + fake.port()
                            + " rejected the login of user default (the URL has no password):"
                            + " NOAUTH Authentication required.");
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static String bulk(String s) {
        return "$" + s.getBytes(StandardCharsets.UTF_8).length + "\r\n" + s + "\r\n";
    }

    /** Answers each inline-or-RESP command line with a canned reply; one client at a time. */
    private static final class FakeRedis implements AutoCloseable {
        private final ServerSocket server;
        private final Thread thread;

        FakeRedis(Function<String, String> reply) throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(reply), "fake-redis");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve(Function<String, String> reply) {
            while (!server.isClosed()) {
                try (Socket s = server.accept();
                        BufferedReader in = new BufferedReader(
                                new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
                    OutputStream out = s.getOutputStream();
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (!line.startsWith("*")) {
                            continue;
                        }
                        int n = Integer.parseInt(line.substring(1));
                        StringBuilder cmd = new StringBuilder();
                        for (int i = 0; i < n; i++) {
                            in.readLine();
                            cmd.append(i == 0 ? "" : " ").append(in.readLine());
                        }
                        out.write(reply.apply(cmd.toString()).getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                } catch (IOException e) {
                    // Closed by the test, or the client hung up.
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
