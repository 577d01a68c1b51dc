package dev.sluice.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.stores.Causes;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.stores.StoreUrls;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class StoreProbeTest {

    @Test
    void version_comparison_reads_major_and_minor() {
        assertThat(StoreProbe.atLeast("6.2.6", 6, 2)).isTrue();
        assertThat(StoreProbe.atLeast("7.0.0", 6, 2)).isTrue();
        assertThat(StoreProbe.atLeast("6.10", 6, 2)).isTrue();
        assertThat(StoreProbe.atLeast("6.0.16", 6, 2)).isFalse();
        assertThat(StoreProbe.atLeast("5.0.14", 6, 2)).isFalse();
    }

    private static final PostgresEndpoint PG =
            new PostgresEndpoint("jdbc:postgresql://db:5432/logs", "app", "s3cret", "external");
    private static final PostgresEndpoint PG_VERIFY_FULL =
            new PostgresEndpoint("jdbc:postgresql://db:5432/logs?sslmode=verify-full", "app", "s3cret", "external");

    @Test
    void a_postgres_failure_reads_as_login_database_refusal_tls_or_unreachable() {
        assertThat(StoreProbe.postgresProblem(
                        new SQLException("FATAL: password authentication failed for user \"app\"", "28P01"), PG))
                .isEqualTo(" rejected the login: FATAL: password authentication failed for user \"app\"");
        assertThat(StoreProbe.postgresProblem(new SQLException("FATAL: database \"logs\" does not exist", "3D000"), PG))
                .isEqualTo(" has no such database: FATAL: database \"logs\" does not exist");
        assertThat(StoreProbe.postgresProblem(new SQLException("The server does not support SSL.", "08004"), PG))
                .isEqualTo(" refused the connection: The server does not support SSL.");
        SQLException refused =
                new SQLException("Connection to db:5432 refused.", "08001", new ConnectException("Connection refused"));
        assertThat(StoreProbe.postgresProblem(refused, PG)).isEqualTo(" is unreachable: Connection refused");
        assertThat(StoreProbe.postgresProblem(refused, PG_VERIFY_FULL))
                .as("a server not reached is that, whatever the sslmode")
                .isEqualTo(" is unreachable: Connection refused");
    }

    @Test
    void a_tls_failure_names_the_sslmode_and_the_file_pgjdbc_could_not_read() {
        assertThat(StoreProbe.postgresProblem(
                        new SQLException(
                                "Could not open SSL root certificate file /home/app/.postgresql/root.crt.",
                                "08006",
                                new FileNotFoundException(
                                        "/home/app/.postgresql/root.crt (No such file or directory)")),
                        PG_VERIFY_FULL))
                .isEqualTo(" could not set up TLS (sslmode=verify-full): Could not open SSL root certificate file"
                        + " /home/app/.postgresql/root.crt.");
        assertThat(StoreProbe.postgresProblem(
                        new SQLException(
                                "SSL error: PKIX path building failed",
                                "08006",
                                new SSLHandshakeException(
                                        "unable to find valid certification path to requested target")),
                        PG_VERIFY_FULL))
                .isEqualTo(" could not set up TLS (sslmode=verify-full): unable to find valid certification path to"
                        + " requested target");
        assertThat(StoreProbe.sslMode("jdbc:postgresql://db/logs?ApplicationName=x&sslmode=require"))
                .isEqualTo("require");
        assertThat(StoreProbe.sslMode("jdbc:postgresql://db/logs")).isNull();
    }

    @Test
    void a_redis_login_refusal_names_the_user_and_never_the_password() {
        RedisException wrongPass = new RedisConnectionException(
                "Unable to connect",
                new RedisCommandExecutionException("WRONGPASS invalid username-password pair or user is disabled."));
        assertThat(StoreProbe.redisProblem(wrongPass, StoreUrls.redis("redis://:hunter2@cache:6379")))
                .isEqualTo(" rejected the login of user default: WRONGPASS invalid username-password pair or user is"
                        + " disabled.");
        assertThat(StoreProbe.redisProblem(wrongPass, StoreUrls.redis("redis://app:hunter2@cache:6379")))
                .startsWith(" rejected the login of user app: WRONGPASS");
        assertThat(StoreProbe.redisProblem(
                        new RedisCommandExecutionException("NOAUTH Authentication required."),
                        StoreUrls.redis("redis://cache:6379")))
                .isEqualTo(" rejected the login of user default (the URL has no password): NOAUTH Authentication"
                        + " required.");
        assertThat(StoreProbe.redisProblem(
                        new RedisCommandExecutionException("ERR max number of clients reached"),
                        StoreUrls.redis("redis://cache:6379")))
                .isEqualTo(" refused Sluice: ERR max number of clients reached");
    }

    @Test
    void a_rediss_failure_after_the_connect_is_tls_and_one_before_it_is_unreachable() {
        RedisURI tls = StoreUrls.redis("rediss://:hunter2@cache:6380");
        assertThat(StoreProbe.redisProblem(
                        new RedisConnectionException(
                                "Unable to connect", new SSLHandshakeException("No name matching cache found")),
                        tls))
                .isEqualTo(" could not set up TLS: No name matching cache found");
        assertThat(StoreProbe.redisProblem(
                        new RedisConnectionException("Unable to connect", new ConnectException("Connection refused")),
                        tls))
                .isEqualTo(" is unreachable: Connection refused");
    }

    @Test
    void causes_are_described_by_their_root_in_one_line() {
        assertThat(Causes.describe(
                        new SQLException("The connection attempt failed.", new UnknownHostException("db.invalid"))))
                .isEqualTo("unknown host db.invalid");
        assertThat(Causes.describe(
                        new IOException("wrapped", new ConnectException("Connection refused (Connection refused)"))))
                .isEqualTo("Connection refused");
        assertThat(
                        Causes.describe(
                                new IOException(
                                        "Failed to start Redis service",
                                        new IOException(
                                                "Ready pattern not found in log. Startup log: \n1:M * starting\n1:M # bind: Address already in use\n"))))
                .isEqualTo("Ready pattern not found in log. Startup log: ... 1:M # bind: Address already in use");
        assertThat(Causes.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
