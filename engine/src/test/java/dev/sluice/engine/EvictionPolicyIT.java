package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.cli.EngineOptions;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.testing.TestPorts;
import dev.sluice.testing.TestStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** An external Redis that may evict the stream (allkeys-*) stops the engine at start, unless --allow-eviction. */
class EvictionPolicyIT {

    @Test
    void an_allkeys_policy_refuses_to_start_with_one_line_unless_eviction_is_allowed() throws Exception {
        PostgresEndpoint pg = TestStores.freshDatabase("eviction").postgres();
        int port = TestPorts.free();
        Path dir = Files.createTempDirectory("sluice-eviction");
        RedisServer server = RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("dir " + dir)
                .setting("save \"\"")
                .setting("maxmemory 64mb")
                .setting("maxmemory-policy allkeys-lru")
                .build();
        server.start();
        String[] args = {
            "--pg-url",
            pg.jdbcUrl() + "?user=" + pg.user(),
            "--redis-url",
            "redis://127.0.0.1:" + port,
            "--port",
            "0",
            "--warm-up",
            "0s"
        };
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(
                    args,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String error = err.toString(StandardCharsets.UTF_8);
            assertThat(code).as("exit code; stderr: %s", error).isEqualTo(2);
            assertThat(error.lines()).as("one line").hasSize(1);
            assertThat(error)
                    .startsWith(
                            "sluice engine: Redis at redis://127.0.0.1:" + port + " has maxmemory-policy allkeys-lru")
                    .contains("--allow-eviction");
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .as("nothing started")
                    .doesNotContain("engine running");

            String[] allowed = java.util.stream.Stream.concat(
                            java.util.Arrays.stream(args), java.util.stream.Stream.of("--allow-eviction"))
                    .toArray(String[]::new);
            try (LocalStack stack = LocalStack.start(EngineOptions.parse(allowed, Map.of()))) {
                assertThat(stack.engine().state()).isEqualTo(dev.sluice.api.EngineState.RUNNING);
            }
        } finally {
            server.stop();
        }
    }
}
