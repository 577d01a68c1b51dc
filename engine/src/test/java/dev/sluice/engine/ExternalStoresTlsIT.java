package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.engine.testing.EngineRun;
import dev.sluice.engine.testing.PlainPostgres;
import dev.sluice.engine.testing.PlainRedis;
import dev.sluice.engine.testing.TestCert;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestDirs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sluice engine} as a process against a PostgreSQL that refuses every connection without
 * TLS ({@code hostnossl … reject}) and a Redis that listens for TLS only ({@code port 0}), both on
 * a self-signed certificate the test makes with the JDK's keytool: {@code sslmode=verify-full}
 * with {@code sslrootcert} and {@code rediss://} with the certificate in the JVM's trust store land
 * rows, so do {@code sslmode=require} and {@code rediss://…?verifyPeer=NONE} with nothing to
 * verify against, and each way TLS can fail is one line on stderr and exit code 2.
 */
class ExternalStoresTlsIT {
    private static final String SUPER_PASSWORD = "pg-super-tls-41d0";
    private static final String REDIS_PASSWORD = "redis-tls-pw-8b7e";
    private static final String APP_PASSWORD = "app-tls-pw-c6a9";
    private static final Path DIR = Path.of("target", "external-stores-tls-it").toAbsolutePath();

    private static TestCert cert;
    private static PlainPostgres pg;
    private static PlainRedis redis;

    private final List<EngineRun> runs = new ArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        TestDirs.deleteTree(DIR);
        cert = TestCert.selfSigned(DIR.resolve("cert"));
        pg = PlainPostgres.startTlsOnly(DIR.resolve("postgres"), SUPER_PASSWORD, cert);
        redis = PlainRedis.startTlsOnly(DIR.resolve("redis"), REDIS_PASSWORD, cert);
        pg.sql(
                "postgres",
                "CREATE ROLE app LOGIN PASSWORD '" + APP_PASSWORD + "'",
                "CREATE DATABASE verified OWNER app",
                "CREATE DATABASE unverified OWNER app");
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (redis != null) {
            redis.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @AfterEach
    void stopEngines() {
        runs.forEach(EngineRun::close);
    }

    @Test
    void verified_tls_to_both_stores_lands_rows_over_encrypted_connections() throws Exception {
        String pgUrl = pg.url("app", APP_PASSWORD, "verified") + "?sslmode=verify-full&sslrootcert=" + cert.certPem();

        EngineRun run = start("verify-full", cert.trustStoreOptions(), pgUrl, redis.url(0));
        URI api = run.awaitRunning();

        assertThat(run.stdoutLines())
                .startsWith(
                        "postgres  postgresql://app@127.0.0.1:" + pg.port()
                                + "/verified?sslmode=verify-full&sslrootcert=" + cert.certPem() + "  (external)",
                        "redis     rediss://:****@127.0.0.1:" + redis.port() + "/0  (external)");
        assertThat(Http.post(api, "/write", "[{\"tls\":1},{\"tls\":2}]").statusCode())
                .isEqualTo(202);
        PostgresEndpoint su = pg.superuser("verified");
        Await.value("rows in logs", Duration.ofSeconds(30), () -> Db.count(su, "SELECT count(*) FROM logs"), 2L);
        assertThat(Db.strings(
                        su,
                        "SELECT DISTINCT s.ssl::text FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)"
                                + " WHERE a.usename = 'app'"))
                .as("the engine's connections, encrypted")
                .containsExactly("true");
        assertThat(run.stop().code()).isZero();
    }

    @Test
    void encryption_without_verification_needs_no_certificate_on_the_engine_side() throws Exception {
        EngineRun run = start(
                "require",
                List.of(),
                pg.url("app", APP_PASSWORD, "unverified") + "?sslmode=require",
                redis.url(1) + "?verifyPeer=NONE");
        URI api = run.awaitRunning();

        assertThat(Http.post(api, "/write", "{\"tls\":\"unverified\"}").statusCode())
                .isEqualTo(202);
        PostgresEndpoint su = pg.superuser("unverified");
        Await.value("rows in logs", Duration.ofSeconds(30), () -> Db.count(su, "SELECT count(*) FROM logs"), 1L);
        assertThat(run.stop().code()).isZero();
    }

    @Test
    void each_tls_failure_is_one_line_and_exit_2() throws Exception {
        String pgUrl = pg.url("app", APP_PASSWORD, "verified");
        String display = "postgresql://app@127.0.0.1:" + pg.port() + "/verified";
        assertOneLine(
                "pg-no-tls",
                List.of(),
                pgUrl + "?sslmode=disable",
                redis.url(0),
                "sluice engine: PostgreSQL at " + display + "?sslmode=disable rejected the login: FATAL: pg_hba.conf"
                        + " rejects connection for host \"127.0.0.1\", user \"app\", database \"verified\", no"
                        + " encryption");

        Path home = Files.createDirectories(DIR.resolve("empty-home"));
        assertOneLine(
                "pg-no-root-certificate",
                List.of("-Duser.home=" + home),
                pgUrl + "?sslmode=verify-full",
                redis.url(0),
                "sluice engine: PostgreSQL at " + display + "?sslmode=verify-full could not set up TLS"
                        + " (sslmode=verify-full): Could not open SSL root certificate file " + home
                        + "/.postgresql/root.crt.");

        assertOneLine(
                "redis-untrusted-certificate",
                List.of(),
                pgUrl + "?sslmode=require",
                redis.url(0),
                "sluice engine: Redis at rediss://:****@127.0.0.1:" + redis.port()
                        + "/0 could not set up TLS: unable to find valid certification path to requested target");

        // 127.0.0.2 is loopback on Linux (not on macOS): an address the server listens on and the certificate does not
        // name
        assumeTrue(listening("127.0.0.2", pg.port()), "127.0.0.2 does not reach this machine's loopback");
        String otherHost = "postgresql://app:" + APP_PASSWORD + "@127.0.0.2:" + pg.port()
                + "/verified?sslmode=verify-full&sslrootcert=" + cert.certPem();
        assertOneLine(
                "pg-host-not-in-certificate",
                List.of(),
                otherHost,
                redis.url(0),
                "sluice engine: PostgreSQL at postgresql://app@127.0.0.2:" + pg.port()
                        + "/verified?sslmode=verify-full&sslrootcert=" + cert.certPem()
                        + " could not set up TLS (sslmode=verify-full): The hostname 127.0.0.2 could not be verified"
                        + " by hostnameverifier PgjdbcHostnameVerifier.");
    }

    private static boolean listening(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The process exits 2 having printed {@code line} on stderr and nothing else, and no password. */
    private void assertOneLine(String name, List<String> jvmOptions, String pgUrl, String redisUrl, String line)
            throws Exception {
        EngineRun.Exit exit = start(name, jvmOptions, pgUrl, redisUrl).awaitExit();
        assertThat(exit.code()).as("exit code of " + name).isEqualTo(2);
        assertThat(exit.stdout()).as("stdout of " + name).isEmpty();
        assertThat(exit.stderr()).as("stderr of " + name).containsExactly(line);
        assertThat(String.join("\n", exit.stderr())).doesNotContain(APP_PASSWORD, REDIS_PASSWORD);
    }

    private EngineRun start(String name, List<String> jvmOptions, String pgUrl, String redisUrl) throws Exception {
        EngineRun run = EngineRun.start(
                DIR.resolve("engines"),
                name,
                jvmOptions,
                List.of("--pg-url", pgUrl, "--redis-url", redisUrl, "--warm-up", "0s", "--port", "0"));
        runs.add(run);
        return run;
    }
}
