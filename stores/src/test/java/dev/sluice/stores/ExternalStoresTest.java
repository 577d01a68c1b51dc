package dev.sluice.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExternalStoresTest {
    private static final String REDIS = "redis://cache:6379";

    @Test
    void libpq_url_becomes_jdbc_url_with_separate_credentials() {
        PostgresEndpoint pg = ExternalStores.of("postgresql://app:s3cret@db.example:6543/logs", REDIS)
                .postgres();

        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/logs");
        assertThat(pg.user()).isEqualTo("app");
        assertThat(pg.password()).isEqualTo("s3cret");
        assertThat(pg.kind()).isEqualTo("external");
        assertThat(pg.displayUrl()).isEqualTo("postgresql://app@db.example:6543/logs");
        assertThat(pg.toString()).doesNotContain("s3cret");
    }

    @Test
    void postgres_scheme_default_port_and_query_parameters_are_kept() {
        PostgresEndpoint pg = ExternalStores.of("postgres://app@db/logs?sslmode=require", REDIS)
                .postgres();

        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/logs?sslmode=require");
        assertThat(pg.user()).isEqualTo("app");
        assertThat(pg.password()).isNull();
    }

    @Test
    void tls_parameters_go_to_pgjdbc_as_given_and_show_in_the_display_url() {
        PostgresEndpoint pg = ExternalStores.of(
                        "postgresql://app:s3cret@db/logs?sslmode=verify-full&sslrootcert=/etc/sluice/ca.pem"
                                + "&ApplicationName=sluice",
                        REDIS)
                .postgres();

        assertThat(pg.jdbcUrl())
                .isEqualTo("jdbc:postgresql://db:5432/logs?sslmode=verify-full&sslrootcert=/etc/sluice/ca.pem"
                        + "&ApplicationName=sluice");
        assertThat(pg.displayUrl())
                .as("what psql takes: the TLS settings, no password, no pgjdbc-only parameter")
                .isEqualTo("postgresql://app@db:5432/logs?sslmode=verify-full&sslrootcert=/etc/sluice/ca.pem");
        assertThat(pg.password()).isEqualTo("s3cret");
    }

    @Test
    void every_libpq_sslmode_is_taken_and_another_is_refused_at_parse() {
        for (String mode : List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full")) {
            assertThat(ExternalStores.of("postgresql://app@db/logs?sslmode=" + mode, REDIS)
                            .postgres()
                            .jdbcUrl())
                    .isEqualTo("jdbc:postgresql://db:5432/logs?sslmode=" + mode);
        }
        assertThat(ExternalStores.of("jdbc:postgresql://db/logs?sslmode=require&user=app&password=pw", REDIS)
                        .postgres()
                        .jdbcUrl())
                .isEqualTo("jdbc:postgresql://db:5432/logs?sslmode=require");
        assertBad(
                "postgresql://app:hunter2@db/logs?sslmode=verify_full",
                REDIS,
                "invalid PostgreSQL URL 'postgresql://app:****@db/logs?sslmode=verify_full': sslmode must be one of"
                        + " disable, allow, prefer, require, verify-ca, verify-full, was 'verify_full'");
    }

    @Test
    void jdbc_url_credentials_move_out_of_the_url() {
        PostgresEndpoint pg = ExternalStores.of(
                        "jdbc:postgresql://10.0.0.5:5432/logs?user=app&password=p%26w&ApplicationName=sluice", REDIS)
                .postgres();

        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://10.0.0.5:5432/logs?ApplicationName=sluice");
        assertThat(pg.user()).isEqualTo("app");
        assertThat(pg.password()).isEqualTo("p&w");
    }

    @Test
    void percent_encoded_password_is_decoded_once_and_keeps_colons_and_plus() {
        PostgresEndpoint pg =
                ExternalStores.of("postgresql://app:a%3Ab%40c+d@db/logs", REDIS).postgres();

        assertThat(pg.password()).isEqualTo("a:b@c+d");
    }

    @Test
    void missing_database_defaults_to_user_name_like_libpq() {
        assertThat(ExternalStores.of("postgresql://app:pw@db", REDIS).postgres().jdbcUrl())
                .isEqualTo("jdbc:postgresql://db:5432/app");
        assertThat(ExternalStores.of("postgresql://db/", REDIS).postgres().jdbcUrl())
                .isEqualTo("jdbc:postgresql://db:5432/postgres");
    }

    @Test
    void ipv6_host_keeps_its_brackets() {
        PostgresEndpoint pg =
                ExternalStores.of("postgresql://app@[::1]:5433/logs", REDIS).postgres();

        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/logs");
        assertThat(pg.displayUrl()).isEqualTo("postgresql://app@[::1]:5433/logs");
    }

    @Test
    void redis_url_is_kept_and_its_parts_parsed() {
        RedisEndpoint redis = ExternalStores.of("postgresql://db/logs", " redis://:pw@cache:6380/2 ")
                .redis();

        assertThat(redis.uri()).isEqualTo("redis://:pw@cache:6380/2");
        assertThat(redis.kind()).isEqualTo("external");
        assertThat(redis.displayUrl()).isEqualTo("redis://:****@cache:6380/2");
        assertThat(parts(StoreUrls.redis(redis.uri()))).containsExactly("cache", 6380, false, null, "pw", 2);
    }

    @Test
    void redis_cluster_url_gives_each_seed_node_with_the_credentials_and_parameters() {
        RedisEndpoint redis = ExternalStores.of(
                        "postgresql://db/logs", "redis-cluster://app:pw@r1:7000,r2:7001,[::1]:7002")
                .redis();
        assertThat(redis.displayUrl()).isEqualTo("redis-cluster://app:****@r1:7000,r2:7001,[::1]:7002");
        assertThat(StoreUrls.isRedisCluster(redis.uri())).isTrue();
        assertThat(StoreUrls.redisNodes(redis.uri()).stream().map(ExternalStoresTest::parts))
                .containsExactly(
                        List.of("r1", 7000, false, "app", "pw", 0),
                        List.of("r2", 7001, false, "app", "pw", 0),
                        List.of("::1", 7002, false, "app", "pw", 0));
        assertThat(StoreUrls.redisNodes("rediss-cluster://r1:7000?verifyPeer=NONE").stream()
                        .map(ExternalStoresTest::parts))
                .containsExactly(Arrays.asList("r1", 7000, true, null, null, 0));
        assertThat(StoreUrls.redisNodes("redis://cache:6379")).hasSize(1);
    }

    @Test
    void a_bad_redis_cluster_url_is_refused_with_the_reason() {
        assertThatThrownBy(() -> ExternalStores.of("postgresql://db/logs", "redis-cluster://r1:7000,,r2:7001"))
                .hasMessageContaining("empty host in the list of cluster nodes");
        assertThatThrownBy(() -> ExternalStores.of("postgresql://db/logs", "redis-cluster://r1:7000/2"))
                .hasMessageContaining("a Redis Cluster URL has no database number");
        assertThatThrownBy(() -> ExternalStores.of("postgresql://db/logs", "redis-cluster://r1:99999"))
                .hasMessageContaining("invalid Redis URL");
    }

    @Test
    void redis_acl_user_lone_password_tls_and_defaults() {
        assertThat(parts(StoreUrls.redis("rediss://app:pw@cache")))
                .containsExactly("cache", 6379, true, "app", "pw", 0);
        assertThat(parts(StoreUrls.redis("redis://secret@cache:1")))
                .containsExactly("cache", 1, false, null, "secret", 0);
        assertThat(parts(StoreUrls.redis("redis://[::1]:6390"))).containsExactly("::1", 6390, false, null, null, 0);
        assertThat(new RedisEndpoint("redis://secret@cache:1", "external").displayUrl())
                .isEqualTo("redis://****@cache:1");
        assertThat(new RedisEndpoint("redis://:p%40ss@cache:1", "external").displayUrl())
                .isEqualTo("redis://:****@cache:1");
    }

    @Test
    void rediss_is_tls_and_verify_peer_picks_how_much_of_the_certificate_is_checked() {
        RedisURI full = StoreUrls.redis("rediss://:pw@cache:6380");
        RedisURI ca = StoreUrls.redis("rediss://:pw@cache:6380?verifyPeer=CA");
        RedisURI none = StoreUrls.redis("rediss://app:pw@cache:6380/1?verifyPeer=none");

        assertThat(parts(full)).containsExactly("cache", 6380, true, null, "pw", 0);
        assertThat(full.getVerifyMode()).isEqualTo(SslVerifyMode.FULL);
        assertThat(ca.getVerifyMode()).isEqualTo(SslVerifyMode.CA);
        assertThat(parts(none)).containsExactly("cache", 6380, true, "app", "pw", 1);
        assertThat(none.getVerifyMode()).isEqualTo(SslVerifyMode.NONE);
        assertThat(new RedisEndpoint("rediss://app:pw@cache:6380/1?verifyPeer=none", "external").displayUrl())
                .isEqualTo("rediss://app:****@cache:6380/1?verifyPeer=none");
        assertBad(
                "postgresql://db/logs",
                "rediss://:hunter2@cache?verifyPeer=off",
                "invalid Redis URL 'rediss://:****@cache?verifyPeer=off': verifyPeer must be one of FULL, CA, NONE,"
                        + " was 'off'");
    }

    @Test
    void bad_postgres_urls_fail_with_one_masked_line() {
        assertBad(
                "mysql://app:hunter2@db/logs",
                REDIS,
                "invalid PostgreSQL URL 'mysql://app:****@db/logs': expected postgresql://, postgres:// or jdbc:postgresql://");
        assertBad(
                "postgresql://app:hunter2@/logs",
                REDIS,
                "invalid PostgreSQL URL 'postgresql://app:****@/logs': no host");
        assertBad(
                "postgresql://app:hun ter2@db/logs",
                REDIS,
                "invalid PostgreSQL URL 'postgresql://app:****@db/logs': malformed URL");
        assertBad(
                "jdbc:postgresql://h1:5432,h2:5432/logs?password=hunter2",
                REDIS,
                "invalid PostgreSQL URL 'jdbc:postgresql://h1:5432,h2:5432/logs?password=****': several hosts");
        assertBad("postgresql://db/a/b", REDIS, "database name must not contain '/'");
        assertBad("  ", REDIS, "invalid PostgreSQL URL '': the URL is empty");
        assertBad(null, REDIS, "invalid PostgreSQL URL 'null': the URL is empty");
    }

    @Test
    void bad_redis_urls_fail_with_one_masked_line() {
        assertBad(
                "postgresql://db/logs",
                "http://:hunter2@cache",
                "invalid Redis URL 'http://:****@cache': expected redis:// or rediss://");
        assertBad(
                "postgresql://db/logs",
                "redis://hunter2@cache/x",
                "invalid Redis URL 'redis://****@cache/x': database must be a number");
        assertBad("postgresql://db/logs", "redis://:hunter2@:6379", "invalid Redis URL 'redis://:****@:6379'");
        assertBad("postgresql://db/logs", "cache:6379", "expected redis://");
        assertBad(
                "postgresql://db/logs",
                "redis://:hunter2@cache:-1",
                "invalid Redis URL 'redis://:****@cache:-1': bad host or port");
        assertBad("postgresql://db/logs", "redis://:hunter2@cache:99999", "Port out of range");
    }

    /** Host, port, TLS, user, password, database: what a connect uses. */
    private static List<Object> parts(RedisURI uri) {
        return Arrays.asList(
                uri.getHost(),
                uri.getPort(),
                uri.isSsl(),
                uri.getUsername(),
                uri.getPassword() == null ? null : new String(uri.getPassword()),
                uri.getDatabase());
    }

    private static void assertBad(String pg, String redis, String expected) {
        assertThatThrownBy(() -> ExternalStores.of(pg, redis))
                .isInstanceOf(StoreStartException.class)
                .hasMessageStartingWith("invalid ")
                .hasMessageContaining(expected)
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("\n");
    }
}
