package dev.sluice.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real PostgreSQL and Redis processes on temporary data directories; no mocks. */
class EmbeddedStoresIT {
    @TempDir
    Path tmp;

    private final List<Path> dirs = new ArrayList<>();
    private Process child;

    @AfterEach
    void stopEverything() {
        if (child != null) {
            child.destroyForcibly();
        }
        // Whatever a failed test left running must not outlive it.
        for (Path dir : dirs) {
            Leftovers.stopRedis(dir.resolve("redis"), Ports.read(dir).redis());
            Leftovers.stopPostgres(dir.resolve("postgres"));
        }
    }

    @Test
    void rows_and_stream_entries_survive_a_restart_on_the_same_ports() throws Exception {
        Path dir = dataDir("restart");
        EmbeddedStores stores = EmbeddedStores.start(dir);
        PostgresEndpoint firstPg = stores.postgres();
        RedisEndpoint firstRedis = stores.redis();
        try {
            assertThat(firstPg.jdbcUrl()).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/sluice");
            assertThat(firstRedis.uri()).matches("redis://127\\.0\\.0\\.1:\\d+");
            assertThat(firstPg.kind()).isEqualTo("embedded");
            assertThat(answers(stores)).isTrue();
            assertThat(strings(firstPg, "SHOW fsync")).containsExactly("on");
            execute(firstPg, "CREATE TABLE restart_probe (id int PRIMARY KEY)");
            execute(firstPg, "INSERT INTO restart_probe VALUES (42)");
            xadd(firstRedis, "restart_stream", "survives a clean restart");
        } finally {
            stores.close();
        }
        stores.close();
        assertThat(dir.resolve("postgres/postmaster.pid")).doesNotExist();
        assertThat(dir.resolve("redis/redis.pid")).doesNotExist();

        try (EmbeddedStores again = EmbeddedStores.start(dir)) {
            assertThat(again.postgres()).isEqualTo(firstPg);
            assertThat(again.redis()).isEqualTo(firstRedis);
            assertThat(strings(again.postgres(), "SELECT id::text FROM restart_probe"))
                    .containsExactly("42");
            assertThat(notes(again.redis(), "restart_stream")).containsExactly("survives a clean restart");
        }
    }

    @Test
    void a_second_start_on_a_directory_in_use_fails_with_one_line() throws Exception {
        Path dir = dataDir("busy");
        try (EmbeddedStores stores = EmbeddedStores.start(dir)) {
            assertThatThrownBy(() -> EmbeddedStores.start(dir))
                    .isInstanceOf(StoreStartException.class)
                    .hasMessage("data directory " + dir + " is in use by running Sluice process "
                            + ProcessHandle.current().pid());
            // The refused attempt must not have disturbed the running pair.
            assertThat(answers(stores)).isTrue();
        }
    }

    @Test
    void servers_run_in_their_own_session_so_a_terminal_ctrl_c_reaches_only_the_engine() throws IOException {
        Path dir = dataDir("session");
        try (EmbeddedStores stores = EmbeddedStores.start(dir)) {
            assertThat(stores.dataDir()).isEqualTo(dir);
            long self = session(ProcessHandle.current().pid());
            assertThat(session(pid(dir.resolve("redis/redis.pid")))).isNotEqualTo(self);
            assertThat(session(pid(dir.resolve("postgres/postmaster.pid")))).isNotEqualTo(self);
        }
    }

    @Test
    void start_after_kill_9_stops_the_leftover_servers_and_keeps_their_data() throws Exception {
        Path dir = dataDir("crash");
        child = new ProcessBuilder(
                        javaBinary(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        StoresChild.class.getName(),
                        dir.toString())
                .redirectError(tmp.resolve("child.log").toFile())
                .start();
        awaitReady(child, Duration.ofSeconds(60));

        assertThatThrownBy(() -> EmbeddedStores.start(dir))
                .isInstanceOf(StoreStartException.class)
                .hasMessage("data directory " + dir + " is in use by running Sluice process " + child.pid());

        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long leftoverPg = pid(dir.resolve("postgres/postmaster.pid"));
        long leftoverRedis = pid(dir.resolve("redis/redis.pid"));
        assertThat(Processes.isRunning(leftoverPg))
                .as("postmaster outlives kill -9")
                .isTrue();
        assertThat(Processes.isRunning(leftoverRedis))
                .as("redis-server outlives kill -9")
                .isTrue();

        try (EmbeddedStores stores = EmbeddedStores.start(dir)) {
            assertThat(Processes.isRunning(leftoverPg)).isFalse();
            assertThat(Processes.isRunning(leftoverRedis)).isFalse();
            assertThat(strings(stores.postgres(), "SELECT note FROM crash_probe"))
                    .containsExactly("written before kill -9");
            assertThat(notes(stores.redis(), "crash_stream")).containsExactly("written before kill -9");
        }
    }

    private Path dataDir(String name) {
        Path dir = tmp.resolve(name);
        dirs.add(dir);
        return dir;
    }

    private static void xadd(RedisEndpoint redis, String key, String note) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().xadd(key, Map.of("note", note));
        } finally {
            client.shutdown();
        }
    }

    private static List<String> notes(RedisEndpoint redis, String key) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().xrange(key, Range.create("-", "+")).stream()
                    .map(StreamMessage::getBody)
                    .map(body -> body.get("note"))
                    .toList();
        } finally {
            client.shutdown();
        }
    }

    private static void awaitReady(Process p, Duration timeout) throws Exception {
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.equals(StoresChild.READY)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        assertThat(ready.get(timeout.toSeconds(), TimeUnit.SECONDS))
                .as("child printed READY (see child.log)")
                .isTrue();
    }

    private static long pid(Path pidFile) throws IOException {
        OptionalLong pid = Leftovers.parsePid(
                Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0));
        assertThat(pid).as(pidFile.toString()).isPresent();
        return pid.getAsLong();
    }

    /** Field 6 of /proc/PID/stat: the session id. */
    private static long session(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    // plain JDBC: the shared test support builds on this module, so it cannot be used here
    private static java.util.List<String> strings(PostgresEndpoint pg, String sql) throws java.sql.SQLException {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                java.sql.ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Both stores answer: PostgreSQL a query, Redis a PING. */
    private static boolean answers(EmbeddedStores stores) throws java.sql.SQLException {
        io.lettuce.core.RedisClient client =
                io.lettuce.core.RedisClient.create(stores.redis().uri());
        try (var redis = client.connect()) {
            return strings(stores.postgres(), "SELECT 1").equals(java.util.List.of("1"))
                    && "PONG".equals(redis.sync().ping());
        } finally {
            client.shutdown();
        }
    }

    private static void execute(PostgresEndpoint pg, String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
            c.createStatement().execute(sql);
        }
    }
}
