package dev.sluice.engine.testing;

import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.testing.Await;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A PostgreSQL server as a user runs one, started by the test and not through Sluice's stores
 * module: zonky's binaries, started by its {@link EmbeddedPostgres} builder (which also runs them
 * as root where a test machine is root), then switched to what a server a user points the engine
 * at has: every TCP login needs a password ({@code scram-sha-256} in {@code pg_hba.conf}), the
 * superuser {@code postgres} has one, and a TLS server refuses connections without TLS.
 *
 * <p>Not thread-safe; one test class starts one and closes it.
 */
public final class PlainPostgres implements AutoCloseable {
    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres server;
    private final String superPassword;
    private final boolean tlsOnly;

    private PlainPostgres(EmbeddedPostgres server, String superPassword, boolean tlsOnly) {
        this.server = server;
        this.superPassword = superPassword;
        this.tlsOnly = tlsOnly;
    }

    /** A server on 127.0.0.1 with password logins; its data and log under {@code dir}. Blocks until it takes them. */
    public static PlainPostgres start(Path dir, String superPassword) throws IOException, SQLException {
        return start(dir, superPassword, null);
    }

    /**
     * As {@link #start(Path, String)}, with TLS on the certificate {@code cert} and every connection
     * without TLS refused. It also listens on 127.0.0.2, an address the certificate does not name.
     */
    public static PlainPostgres startTlsOnly(Path dir, String superPassword, TestCert cert)
            throws IOException, SQLException {
        return start(dir, superPassword, cert);
    }

    private static PlainPostgres start(Path dir, String superPassword, TestCert cert) throws IOException, SQLException {
        Files.createDirectories(dir);
        Path data = dir.resolve("data");
        Path log = dir.resolve("postgres.log");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", cert == null ? "127.0.0.1" : "127.0.0.1,127.0.0.2")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (cert != null) {
            builder.setServerConfig("ssl", "on")
                    .setServerConfig("ssl_cert_file", cert.certPem().toString())
                    .setServerConfig("ssl_key_file", cert.keyPem().toString());
        }
        EmbeddedPostgres server = builder.start();
        // zonky's initdb trusts every login: give the superuser a password, then ask everyone for theirs
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            st.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + superPassword.replace("'", "''") + "'");
            Files.writeString(data.resolve("pg_hba.conf"), hba(cert != null));
            st.execute("SELECT pg_reload_conf()");
        }
        PlainPostgres plain = new PlainPostgres(server, superPassword, cert != null);
        Await.until(
                "PostgreSQL on port " + server.getPort() + " asks for passwords (see " + log + ")",
                Duration.ofSeconds(30),
                plain::refusesLoginWithoutPassword);
        return plain;
    }

    private static String hba(boolean tlsOnly) {
        String local = "local all all trust\n";
        return tlsOnly
                ? local + "hostnossl all all 127.0.0.0/8 reject\nhostssl all all 127.0.0.0/8 scram-sha-256\n"
                : local + "host all all 127.0.0.1/32 scram-sha-256\n";
    }

    private boolean refusesLoginWithoutPassword() {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, null)) {
            return false; // pg_hba.conf is not reloaded yet
        } catch (SQLException e) {
            return true;
        }
    }

    public int port() {
        return server.getPort();
    }

    /** {@code postgresql://user:password@127.0.0.1:port/database}, as a user writes it. */
    public String url(String user, String password, String database) {
        return "postgresql://" + user + ":" + password + "@127.0.0.1:" + port() + "/" + database;
    }

    /** A login of {@code user} on {@code database}, over TLS (not verified) on a TLS server, for the test's own queries. */
    public PostgresEndpoint as(String user, String password, String database) {
        return new PostgresEndpoint(jdbcUrl(database), user, password, "plain");
    }

    /** The superuser on {@code database}. */
    public PostgresEndpoint superuser(String database) {
        return as(SUPERUSER, superPassword, database);
    }

    /** Runs each statement as the superuser on {@code database}, each in its own transaction. */
    public void sql(String database, String... statements) throws SQLException {
        PostgresEndpoint su = superuser(database);
        try (Connection c = DriverManager.getConnection(su.jdbcUrl(), su.user(), su.password());
                Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database + (tlsOnly ? "?sslmode=require" : "");
    }

    /** Fast shutdown; removes the data directory. */
    @Override
    public void close() throws IOException {
        server.close();
    }
}
