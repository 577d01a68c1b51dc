package dev.sluice.engine.testing;

import dev.sluice.testing.TestPorts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis server as a user runs one, started by the test and not through Sluice's stores module:
 * the {@code redis-server} binary that embedded-redis ships, run as a plain process on a
 * {@code redis.conf} of the test's own, with {@code requirepass}, AOF and a {@code maxmemory}
 * under {@code noeviction} (so the engine's start check has nothing to warn about), and with TLS
 * only ({@code port 0}) when given a certificate.
 *
 * <p>Not thread-safe; one test class starts one and closes it.
 */
public final class PlainRedis implements AutoCloseable {
    private final Process process;
    private final int port;
    private final String password;
    private final boolean tls;

    private PlainRedis(Process process, int port, String password, boolean tls) {
        this.process = process;
        this.port = port;
        this.password = password;
        this.tls = tls;
    }

    /** A server on 127.0.0.1 that wants {@code password}; data, config and log under {@code dir}. Blocks until it is ready. */
    public static PlainRedis start(Path dir, String password) throws IOException {
        return start(dir, password, null);
    }

    /** As {@link #start(Path, String)}, speaking TLS only, on {@code cert} (clients need not show one). */
    public static PlainRedis startTlsOnly(Path dir, String password, TestCert cert) throws IOException {
        return start(dir, password, cert);
    }

    private static PlainRedis start(Path dir, String password, TestCert cert) throws IOException {
        Path binary = RedisServerProcess.binary(dir.resolve("bin"));
        int port = TestPorts.free();
        List<String> conf = new ArrayList<>(List.of(
                "bind 127.0.0.1",
                "dir " + RedisServerProcess.quote(dir),
                "requirepass " + password,
                "appendonly yes",
                "maxmemory 64mb",
                "maxmemory-policy noeviction",
                "save \"\""));
        if (cert == null) {
            conf.add("port " + port);
        } else {
            conf.addAll(List.of(
                    "port 0",
                    "tls-port " + port,
                    "tls-cert-file " + RedisServerProcess.quote(cert.certPem()),
                    "tls-key-file " + RedisServerProcess.quote(cert.keyPem()),
                    "tls-ca-cert-file " + RedisServerProcess.quote(cert.certPem()),
                    "tls-auth-clients no"));
        }
        Process process = RedisServerProcess.start(binary, dir, conf);
        return new PlainRedis(process, port, password, cert != null);
    }

    public int port() {
        return port;
    }

    /** {@code redis://:password@127.0.0.1:port/database} ({@code rediss://} for a TLS server). */
    public String url(int database) {
        return url(password, database);
    }

    /** The URL with another password, or none for {@code null}. */
    public String url(String password, int database) {
        return (tls ? "rediss" : "redis") + "://" + (password == null ? "" : ":" + password + "@") + "127.0.0.1:" + port
                + "/" + database;
    }

    /** SIGTERM (Redis writes its AOF and exits); SIGKILL if it is not gone within 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
