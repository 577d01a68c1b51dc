package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.testing.EngineRun;
import dev.sluice.engine.testing.PlainPostgres;
import dev.sluice.engine.testing.PlainRedis;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestDirs;
import dev.sluice.testing.TestPorts;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sluice engine --pg-url … --redis-url …} as a separate process against a PostgreSQL and a
 * Redis this test starts as a user's servers are started (password logins, not Sluice's
 * embedded-store code): the schema is migrated on an empty database and left alone on a migrated
 * one, a user without CREATE is told what to grant, a user with table privileges alone runs the
 * engine, and a wrong password or a closed port is one line on stderr and exit code 2.
 */
class ExternalStoresIT {
    private static final String SUPER_PASSWORD = "pg-super-7f3a";
    private static final String REDIS_PASSWORD = "redis-pw-91c2";
    private static final Path DIR = Path.of("target", "external-stores-it").toAbsolutePath();

    private static PlainPostgres pg;
    private static PlainRedis redis;

    private final List<EngineRun> runs = new ArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        TestDirs.deleteTree(DIR);
        pg = PlainPostgres.start(DIR.resolve("postgres"), SUPER_PASSWORD);
        redis = PlainRedis.start(DIR.resolve("redis"), REDIS_PASSWORD);
        pg.sql("postgres", "CREATE ROLE app LOGIN PASSWORD 'app-pw-5e1d'", "CREATE DATABASE app_db OWNER app");
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
    void an_empty_database_is_migrated_by_its_owner_and_a_second_start_migrates_nothing() throws Exception {
        pg.sql("postgres", "CREATE ROLE owner_a LOGIN PASSWORD 'owner-a-pw'", "CREATE DATABASE empty_a OWNER owner_a");
        List<String> args = engineArgs(pg.url("owner_a", "owner-a-pw", "empty_a"), redis.url(1));

        EngineRun first = start("migrate-first", args);
        URI api = first.awaitRunning();
        assertThat(first.stdoutLines())
                .startsWith(
                        "postgres  postgresql://owner_a@127.0.0.1:" + pg.port() + "/empty_a  (external)",
                        "redis     redis://:****@127.0.0.1:" + redis.port() + "/1  (external)");
        assertThat(Http.post(api, "/write", "[{\"n\":1},{\"n\":2},{\"n\":3}]").body())
                .isEqualTo("{\"accepted\":3}");
        PostgresEndpoint su = pg.superuser("empty_a");
        Await.value("rows in logs", Duration.ofSeconds(30), () -> Db.count(su, "SELECT count(*) FROM logs"), 3L);
        assertThat(history(su))
                .as("version, installed_by, success")
                .containsExactly("1 owner_a true", "2 owner_a true", "3 owner_a true", "4 owner_a true");
        List<String> installed = installedOn(su);
        EngineRun.Exit stopped = first.stop();
        assertThat(stopped.code()).isZero();
        assertThat(stopped.stdout()).last().isEqualTo("stopped");
        assertNoPassword(stopped, "owner-a-pw");

        EngineRun second = start("migrate-second", args);
        api = second.awaitRunning();
        assertThat(Http.post(api, "/write", "{\"n\":4}").statusCode()).isEqualTo(202);
        Await.value("rows in logs", Duration.ofSeconds(30), () -> Db.count(su, "SELECT count(*) FROM logs"), 4L);
        assertThat(installedOn(su)).as("no migration ran again").isEqualTo(installed);
        assertThat(second.stop().code()).isZero();
    }

    @Test
    void a_database_an_older_engine_migrated_is_brought_up_to_date_by_its_owner_and_keeps_its_rows() throws Exception {
        pg.sql(
                "postgres",
                "CREATE ROLE owner_b LOGIN PASSWORD 'owner-b-pw'",
                "CREATE ROLE other_b LOGIN PASSWORD 'other-b-pw'",
                "CREATE DATABASE older_b OWNER owner_b");
        PostgresEndpoint owner = pg.as("owner_b", "owner-b-pw", "older_b");
        // what an engine of V1 left: its schema and a row it wrote
        Flyway.configure()
                .dataSource(owner.jdbcUrl(), owner.user(), owner.password())
                .locations("classpath:db/migration")
                .target("1")
                .load()
                .migrate();
        Db.execute(
                owner,
                "INSERT INTO logs (event, received_at, stream_id) VALUES ('{\"old\":true}', now(), '1700000000000-0')");

        // a user that may create tables and use the old ones, but does not own them: V2 alters logs
        Db.execute(
                owner,
                "GRANT CREATE ON SCHEMA public TO other_b;"
                        + " GRANT SELECT, INSERT ON logs TO other_b; GRANT INSERT ON dead_letters TO other_b;"
                        + " GRANT SELECT ON flyway_schema_history TO other_b");
        EngineRun.Exit refused = start(
                        "older-not-owner", engineArgs(pg.url("other_b", "other-b-pw", "older_b"), redis.url(2)))
                .awaitExit();
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.stderr())
                .containsExactly("sluice engine: PostgreSQL at postgresql://other_b@127.0.0.1:" + pg.port()
                        + "/older_b: user other_b may not apply migration V2 (ERROR: must be owner of table logs);"
                        + " run the engine once as the owner of Sluice's tables in schema public of database older_b");

        EngineRun run = start("older", engineArgs(pg.url("owner_b", "owner-b-pw", "older_b"), redis.url(2)));
        URI api = run.awaitRunning();
        assertThat(Http.post(api, "/write", "{\"new\":true}").statusCode()).isEqualTo(202);
        PostgresEndpoint su = pg.superuser("older_b");
        Await.value("rows in logs", Duration.ofSeconds(30), () -> Db.count(su, "SELECT count(*) FROM logs"), 2L);
        assertThat(history(su)).containsExactly("1 owner_b true", "2 owner_b true", "3 owner_b true", "4 owner_b true");
        assertThat(Db.strings(su, "SELECT event::text || ' ' || (event_id IS NULL) FROM logs ORDER BY id"))
                .containsExactly("{\"old\": true} true", "{\"new\": true} false");
        assertThat(run.stop().code()).isZero();
    }

    @Test
    void a_user_without_create_on_an_empty_database_is_told_what_to_grant_and_runs_once_granted() throws Exception {
        // PostgreSQL 15+ gives CREATE on schema public to the database's owner only
        pg.sql("postgres", "CREATE ROLE app_c LOGIN PASSWORD 'app-c-pw'", "CREATE DATABASE nocreate_c");
        List<String> args = engineArgs(pg.url("app_c", "app-c-pw", "nocreate_c"), redis.url(3));

        EngineRun.Exit refused = start("no-create", args).awaitExit();

        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.stdout()).isEmpty();
        assertThat(refused.stderr())
                .containsExactly("sluice engine: PostgreSQL at postgresql://app_c@127.0.0.1:" + pg.port()
                        + "/nocreate_c: user app_c may not create tables in schema public of database nocreate_c (no"
                        + " CREATE privilege), and the schema needs migrations V1, V2, V3, V4; GRANT CREATE ON SCHEMA"
                        + " public TO app_c, or run the engine once as the schema's owner, which applies them");
        PostgresEndpoint su = pg.superuser("nocreate_c");
        assertThat(Db.count(su, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                .as("nothing created")
                .isZero();

        pg.sql("nocreate_c", "GRANT CREATE ON SCHEMA public TO app_c");
        EngineRun granted = start("no-create-granted", args);
        URI api = granted.awaitRunning();
        assertThat(Http.post(api, "/write", "{\"n\":1}").statusCode()).isEqualTo(202);
        Await.value("rows in logs", Duration.ofSeconds(30), () -> Db.count(su, "SELECT count(*) FROM logs"), 1L);
        assertThat(granted.stop().code()).isZero();
    }

    @Test
    void a_user_with_table_privileges_alone_runs_the_engine_on_a_migrated_schema() throws Exception {
        pg.sql(
                "postgres",
                "CREATE ROLE owner_d LOGIN PASSWORD 'owner-d-pw'",
                "CREATE ROLE worker_d LOGIN PASSWORD 'worker-d-pw'",
                "CREATE DATABASE migrated_d OWNER owner_d");
        PostgresEndpoint owner = pg.as("owner_d", "owner-d-pw", "migrated_d");
        Flyway.configure()
                .dataSource(owner.jdbcUrl(), owner.user(), owner.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        List<String> args = List.of(
                "--pg-url",
                pg.url("worker_d", "worker-d-pw", "migrated_d"),
                "--redis-url",
                redis.url(4),
                "--port",
                "0");

        EngineRun.Exit refused = start("no-grants", args).awaitExit();

        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.stdout()).isEmpty();
        assertThat(refused.stderr())
                .containsExactly("sluice engine: PostgreSQL at postgresql://worker_d@127.0.0.1:" + pg.port()
                        + "/migrated_d: user worker_d lacks SELECT, INSERT on logs; INSERT on dead_letters; SELECT,"
                        + " INSERT, UPDATE, DELETE on idempotency_keys; SELECT, INSERT, UPDATE, DELETE on"
                        + " queue_messages; INSERT on queue_archive; SELECT, INSERT on items; SELECT, UPDATE on"
                        + " item_id_blocks; SELECT on flyway_schema_history in schema public of database migrated_d,"
                        + " which the engine needs; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA"
                        + " public TO worker_d gives them");

        // the least the README lists, table by table
        Db.execute(
                owner,
                "GRANT SELECT, INSERT ON logs, items TO worker_d;"
                        + " GRANT INSERT ON dead_letters, queue_archive TO worker_d;"
                        + " GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys, queue_messages TO worker_d;"
                        + " GRANT SELECT, UPDATE ON item_id_blocks TO worker_d;"
                        + " GRANT SELECT ON flyway_schema_history TO worker_d");
        EngineRun run = start("table-grants", args);
        URI api = run.awaitRunning();
        PostgresEndpoint su = pg.superuser("migrated_d");

        assertThat(Http.post(api, "/write", "[{\"n\":1},{\"n\":2}]").statusCode())
                .isEqualTo(202);
        Await.value("rows in logs", Duration.ofSeconds(30), () -> Db.count(su, "SELECT count(*) FROM logs"), 2L);
        assertThat(Http.get(api, "/messages?n=5").statusCode()).isEqualTo(200);
        assertThat(Http.post(api, "/message", "{\"channel\":\"jobs\",\"message\":{\"job\":7}}")
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> consumed = Http.get(api, "/queue/jobs");
        assertThat(consumed.statusCode()).isEqualTo(200);
        assertThat(consumed.body()).contains("\"job\": 7");
        assertThat(Http.post(api, "/items", "{\"name\":\"granted\"}").statusCode())
                .isEqualTo(202);
        assertThat(Http.get(api, "/items/1?wait=10s").body()).contains("\"name\":\"granted\"");
        HttpResponse<String> knobs = Http.send(HttpRequest.newBuilder(api.resolve("/control/knobs"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"direct-insert\"}"))
                .header("Content-Type", "application/json")
                .build());
        assertThat(knobs.statusCode()).as(knobs.body()).isEqualTo(200);
        HttpResponse<String> direct = Http.send(HttpRequest.newBuilder(api.resolve("/write"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\":3}"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "\"grants-1\"")
                .build());
        assertThat(direct.statusCode()).as(direct.body()).isEqualTo(202);
        assertThat(Db.count(su, "SELECT count(*) FROM logs")).isEqualTo(3);
        assertThat(Db.count(su, "SELECT count(*) FROM queue_archive")).isEqualTo(1);
        assertThat(Db.count(su, "SELECT count(*) FROM items")).isEqualTo(1);
        assertThat(Db.count(su, "SELECT count(*) FROM idempotency_keys")).isEqualTo(1);

        EngineRun.Exit stopped = run.stop();
        assertThat(stopped.code()).isZero();
        assertThat(stopped.stderr())
                .as("the JIT warm-up needs CREATE: without it the engine starts without the warm-up")
                .anyMatch(l -> l.endsWith("WARN  IngestWarmUp engine - JIT warm-up skipped (ERROR: permission"
                        + " denied for schema public); the first seconds run slower"));
        assertThat(stopped.stderr())
                .as(
                        "making partitions needs the ownership of logs: without it rows of days with none go to logs_default")
                .anyMatch(l -> l.contains("log-partitions - user worker_d does not own logs"));
    }

    @Test
    void a_wrong_postgres_password_is_one_line_naming_the_user_and_host_and_exit_2() throws Exception {
        assertOneLine(
                "pg-wrong-password",
                engineArgs(pg.url("app", "not-the-password", "app_db"), redis.url(0)),
                "sluice engine: PostgreSQL at postgresql://app@127.0.0.1:" + pg.port()
                        + "/app_db rejected the login: FATAL: password authentication failed for user \"app\"",
                "not-the-password");
    }

    @Test
    void a_missing_postgres_password_an_unknown_database_and_tls_the_server_lacks_are_one_line_and_exit_2()
            throws Exception {
        String redisUrl = redis.url(0);
        String at = "sluice engine: PostgreSQL at postgresql://app@127.0.0.1:" + pg.port();
        assertOneLine(
                "pg-no-password",
                engineArgs("postgresql://app@127.0.0.1:" + pg.port() + "/app_db", redisUrl),
                at + "/app_db refused the connection: The server requested SCRAM-based authentication, but no password"
                        + " was provided.",
                "app-pw-5e1d");
        assertOneLine(
                "pg-no-such-database",
                engineArgs(pg.url("app", "app-pw-5e1d", "no_such_db"), redisUrl),
                at + "/no_such_db has no such database: FATAL: database \"no_such_db\" does not exist",
                "app-pw-5e1d");
        assertOneLine(
                "pg-tls-not-offered",
                engineArgs(pg.url("app", "app-pw-5e1d", "app_db") + "?sslmode=require", redisUrl),
                at + "/app_db?sslmode=require refused the connection: The server does not support SSL.",
                "app-pw-5e1d");
    }

    @Test
    void a_wrong_or_missing_redis_password_is_one_line_naming_the_user_and_host_and_exit_2() throws Exception {
        String pgUrl = pg.url("app", "app-pw-5e1d", "app_db");
        assertOneLine(
                "redis-wrong-password",
                engineArgs(pgUrl, redis.url("not-the-password", 0)),
                "sluice engine: Redis at redis://:****@127.0.0.1:" + redis.port()
                        + "/0 rejected the login of user default: WRONGPASS invalid username-password pair or user"
                        + " is disabled.",
                "not-the-password");
        assertOneLine(
                "redis-no-password",
                engineArgs(pgUrl, redis.url(null, 0)),
                "sluice engine: Redis at redis://127.0.0.1:" + redis.port()
                        + "/0 rejected the login of user default (the URL has no password): NOAUTH Authentication"
                        + " required.",
                "app-pw-5e1d");
    }

    @Test
    void a_closed_port_is_one_line_and_exit_2_for_either_store() throws Exception {
        int closed = TestPorts.free();
        assertOneLine(
                "pg-closed-port",
                engineArgs("postgresql://app:app-pw-5e1d@127.0.0.1:" + closed + "/app_db", redis.url(0)),
                "sluice engine: PostgreSQL at postgresql://app@127.0.0.1:" + closed
                        + "/app_db is unreachable: Connection refused",
                "app-pw-5e1d");
        assertOneLine(
                "redis-closed-port",
                engineArgs(
                        pg.url("app", "app-pw-5e1d", "app_db"), "redis://:" + REDIS_PASSWORD + "@127.0.0.1:" + closed),
                "sluice engine: Redis at redis://:****@127.0.0.1:" + closed + " is unreachable: Connection refused",
                REDIS_PASSWORD);
    }

    /** The process exits 2 having printed {@code line} on stderr and nothing else, and no {@code secret} anywhere. */
    private void assertOneLine(String name, List<String> args, String line, String secret) throws Exception {
        EngineRun.Exit exit = start(name, args).awaitExit();
        assertThat(exit.code()).as("exit code of " + name).isEqualTo(2);
        assertThat(exit.stdout()).as("stdout of " + name).isEmpty();
        assertThat(exit.stderr()).as("stderr of " + name).containsExactly(line);
        assertNoPassword(exit, secret);
    }

    private static void assertNoPassword(EngineRun.Exit exit, String secret) {
        assertThat(String.join("\n", exit.stdout()) + String.join("\n", exit.stderr()))
                .doesNotContain(secret)
                .doesNotContain(SUPER_PASSWORD)
                .doesNotContain(REDIS_PASSWORD);
    }

    private EngineRun start(String name, List<String> args) throws Exception {
        EngineRun run = EngineRun.start(DIR.resolve("engines"), name, List.of(), args);
        runs.add(run);
        return run;
    }

    private static List<String> engineArgs(String pgUrl, String redisUrl) {
        return List.of("--pg-url", pgUrl, "--redis-url", redisUrl, "--warm-up", "0s", "--port", "0");
    }

    /** "version installed_by success" per applied migration, in order. */
    private static List<String> history(PostgresEndpoint su) {
        return Db.strings(
                su,
                "SELECT version || ' ' || installed_by || ' ' || success FROM flyway_schema_history"
                        + " ORDER BY installed_rank");
    }

    /** "rank version installed_on" per row of Flyway's history: a migration run again would add or change one. */
    private static List<String> installedOn(PostgresEndpoint su) {
        return Db.strings(
                su,
                "SELECT installed_rank || ' ' || version || ' ' || installed_on FROM flyway_schema_history"
                        + " ORDER BY installed_rank");
    }
}
