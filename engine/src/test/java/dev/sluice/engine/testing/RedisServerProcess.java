package dev.sluice.engine.testing;

import dev.sluice.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import redis.embedded.core.ExecutableProvider;

/**
 * A {@code redis-server} the test runs itself as a plain process, as a user runs one: the binary
 * embedded-redis ships, a {@code redis.conf} the test writes, the server's output in {@code
 * redis.log}; for {@link PlainRedis} and the masters of {@link LoopbackRedisCluster}.
 */
final class RedisServerProcess {
    private RedisServerProcess() {}

    /** Unpacks the {@code redis-server} binary into {@code dir}; returns its path. */
    static Path binary(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir);
        return ExecutableProvider.newJarResourceProvider(bin.toFile()).get().toPath();
    }

    /**
     * Writes {@code conf} to {@code dir/redis.conf}, starts {@code binary} on it in {@code dir}
     * and waits (up to a minute) until it is ready to accept connections; fails with its log if
     * it exits first.
     */
    static Process start(Path binary, Path dir, List<String> conf) throws IOException {
        Path config = dir.resolve("redis.conf");
        Files.writeString(config, String.join("\n", conf) + "\n", StandardCharsets.UTF_8);
        Path log = dir.resolve("redis.log");
        Files.deleteIfExists(log);
        Process process = new ProcessBuilder(binary.toString(), config.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Await.until("redis-server ready (see " + log + ")", Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("redis-server exited with " + process.exitValue() + ": " + read(log));
            }
            return read(log).contains("Ready to accept connections");
        });
        return process;
    }

    /** {@code path} as a quoted redis.conf argument. */
    static String quote(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
