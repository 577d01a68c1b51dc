package dev.sluice.engine.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.Engine;
import dev.sluice.engine.metrics.IngestCounters;
import dev.sluice.engine.stream.EventIds;
import dev.sluice.engine.stream.StreamEntry;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Db;
import dev.sluice.testing.TestStores;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The day-partitioned logs (V4): the migration keeps every row, redelivery stays single, days land in their partitions, retention. */
class LogPartitionsIT {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void the_migration_from_v3_keeps_every_row_its_id_and_the_identity() {
        Stores stores = TestStores.freshDatabase("v3_to_v4");
        PostgresEndpoint pg = stores.postgres();
        flyway(pg, "3").migrate();
        Db.execute(
                pg,
                "INSERT INTO logs (event, received_at, stream_id) VALUES"
                        + " ('{\"n\":1}', '2025-01-01 23:59:59.999999+00', '1-0'), ('{\"n\":2}', '2025-01-02 00:00:00+00', '2-0')");
        Db.execute(
                pg,
                "INSERT INTO logs (event, received_at, stream_id, event_id) VALUES"
                        + " ('{\"n\":3}', '2025-01-02 08:00:00+00', '3-0', 'a0000000-0000-0000-0000-000000000003'),"
                        + " ('{\"n\":4}', '2025-02-01 08:00:00+00', '4-0', 'a0000000-0000-0000-0000-000000000004')");
        String reader = "v3_reader_" + ProcessHandle.current().pid();
        Db.execute(
                pg,
                "DROP ROLE IF EXISTS " + reader + "; CREATE ROLE " + reader + "; GRANT SELECT, INSERT ON logs TO "
                        + reader);
        List<String> before = Db.strings(
                pg,
                "SELECT concat_ws('|', id, event, received_at, created_at, stream_id,"
                        + " event_id) FROM logs ORDER BY id");

        flyway(pg, null).migrate();

        assertThat(Db.strings(pg, "SELECT relkind::text FROM pg_class WHERE relname = 'logs'"))
                .containsExactly("p");
        assertThat(Db.strings(
                        pg,
                        "SELECT concat_ws('|', id, event, received_at, created_at, stream_id, event_id)"
                                + " FROM logs ORDER BY id"))
                .isEqualTo(before);
        assertThat(Db.strings(pg, "SELECT tableoid::regclass::text FROM logs ORDER BY id"))
                .containsExactly("logs_p20250101", "logs_p20250102", "logs_p20250102", "logs_p20250201");
        assertThat(Db.count(pg, "SELECT count(*) FROM logs WHERE event_id IS NULL"))
                .isEqualTo(2);
        assertThat(Db.strings(
                        pg,
                        "SELECT has_table_privilege('" + reader + "', 'logs', 'SELECT')::text || ' '"
                                + " || has_table_privilege('" + reader + "', 'logs', 'INSERT')::text"))
                .as("what was granted on the old table is granted on the new one")
                .containsExactly("true true");
        Db.execute(pg, "DROP OWNED BY " + reader + "; DROP ROLE " + reader);
        Db.execute(pg, "INSERT INTO logs (event, received_at) VALUES ('{\"n\":5}', now())");
        assertThat(Db.count(pg, "SELECT id FROM logs WHERE event->>'n' = '5'")).isEqualTo(5);
    }

    @Test
    void a_redelivered_event_lands_once_in_its_day_partition() throws SQLException {
        Stores stores = TestStores.freshDatabase("redeliver_part");
        flyway(stores.postgres(), null).migrate();
        DataSource ds = dataSource(stores.postgres());
        new LogPartitions(ds, null, Clock.fixed(NOW, ZoneOffset.UTC)).maintain();
        LogSink sink = new LogSink(ds, "logs", Duration.ofHours(1), new IngestCounters());
        long at = micros(NOW);
        StreamEntry a = entry("1-0", "{\"n\":1}", at);
        StreamEntry b = entry("2-0", "{\"n\":2}", at);
        sink.copy(List.of(a, b), new CopyEncoder());

        // the batch COPY of a redelivered entry is refused whole; the worker's conflict-safe INSERT then skips it
        assertThatThrownBy(() -> sink.copy(List.of(a), new CopyEncoder()))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        StreamEntry c = entry("3-0", "{\"n\":3}", at);
        assertThat(sink.insert(List.of(a, b, c))).isEqualTo(1);
        // the same event re-sent as a second stream entry (new entry id, same event id and received_at)
        assertThat(sink.insert(List.of(new StreamEntry("9-0", a.eventId(), a.event(), at, true))))
                .isZero();

        assertThat(Db.strings(
                        stores.postgres(), "SELECT event->>'n' || ' ' || tableoid::regclass FROM logs ORDER BY 1"))
                .containsExactly("1 logs_p20260310", "2 logs_p20260310", "3 logs_p20260310");
    }

    @Test
    void events_of_several_days_land_in_their_day_partitions_and_the_default_moves_out() throws SQLException {
        Stores stores = TestStores.freshDatabase("days_part");
        flyway(stores.postgres(), null).migrate();
        DataSource ds = dataSource(stores.postgres());
        LogPartitions partitions = new LogPartitions(ds, null, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(partitions.maintain().made()).contains("logs_p20260310", "logs_p20260313");
        LogSink sink = new LogSink(ds, "logs", Duration.ofHours(1), new IngestCounters());
        sink.copy(
                List.of(
                        entry("1-0", "{\"n\":1}", micros(NOW)),
                        entry("2-0", "{\"n\":2}", micros(Instant.parse("2026-03-11T00:00:00Z"))),
                        entry("3-0", "{\"n\":3}", micros(Instant.parse("2026-03-13T23:59:59.999999Z"))),
                        // a day with no partition yet: the COPY still succeeds, into the default
                        entry("4-0", "{\"n\":4}", micros(Instant.parse("2026-03-09T23:00:00Z")))),
                new CopyEncoder());
        String where = "SELECT event->>'n' || ' ' || tableoid::regclass FROM logs ORDER BY 1";
        assertThat(Db.strings(stores.postgres(), where))
                .containsExactly("1 logs_p20260310", "2 logs_p20260311", "3 logs_p20260313", "4 logs_default");

        assertThat(partitions.maintain().made()).containsExactly("logs_p20260309");

        assertThat(Db.strings(stores.postgres(), where))
                .containsExactly("1 logs_p20260310", "2 logs_p20260311", "3 logs_p20260313", "4 logs_p20260309");
        assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs_default"))
                .isZero();
    }

    @Test
    void the_gin_index_reaches_every_partition_and_those_made_later() throws SQLException {
        Stores stores = TestStores.freshDatabase("gin_part");
        flyway(stores.postgres(), null).migrate();
        DataSource ds = dataSource(stores.postgres());
        LogPartitions partitions = new LogPartitions(ds, null, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(partitions.hasGinIndex()).isFalse();
        partitions.createGinIndex();
        partitions.createGinIndex(); // idempotent
        partitions.maintain();

        assertThat(partitions.hasGinIndex()).isTrue();
        String gin =
                "SELECT count(*) FROM pg_indexes WHERE tablename = '%s' AND indexdef LIKE '%%USING gin (event jsonb_path_ops)'";
        assertThat(Db.count(stores.postgres(), gin.formatted("logs_p20260313"))).isEqualTo(1);
        assertThat(Db.count(stores.postgres(), gin.formatted("logs_default"))).isEqualTo(1);
    }

    @Test
    void retention_drops_only_partitions_whose_whole_day_is_older() throws SQLException {
        Stores stores = TestStores.freshDatabase("retention_part");
        flyway(stores.postgres(), null).migrate();
        DataSource ds = dataSource(stores.postgres());
        Instant earlier = NOW.minus(Duration.ofDays(33));
        new LogPartitions(ds, null, Clock.fixed(earlier, ZoneOffset.UTC)).maintain(); // 2026-02-05 .. 02-08
        LogSink sink = new LogSink(ds, "logs", Duration.ofHours(1), new IngestCounters());
        sink.copy(
                List.of(
                        entry("1-0", "{\"n\":1}", micros(Instant.parse("2026-02-05T12:00:00Z"))),
                        entry("2-0", "{\"n\":2}", micros(Instant.parse("2026-02-08T23:00:00Z"))),
                        entry("3-0", "{\"n\":3}", micros(Instant.parse("2026-01-01T00:00:00Z")))),
                new CopyEncoder());

        // cutoff 2026-02-08T12:00Z: the 5th..7th are wholly older, the 8th is not
        LogPartitions.Pass pass =
                new LogPartitions(ds, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC)).maintain();

        assertThat(pass.dropped()).containsExactly("logs_p20260205", "logs_p20260206", "logs_p20260207");
        assertThat(pass.oldRowsInDefault()).isEqualTo(1);
        assertThat(Db.strings(
                        stores.postgres(), "SELECT event->>'n' || ' ' || tableoid::regclass FROM logs ORDER BY 1"))
                .containsExactly("2 logs_p20260208", "3 logs_default");
        assertThat(new LogPartitions(ds, null, Clock.systemUTC()).dayPartitions())
                .doesNotContain(
                        LocalDate.parse("2026-02-05"), LocalDate.parse("2026-02-06"), LocalDate.parse("2026-02-07"))
                .contains(
                        LocalDate.parse("2026-02-08"),
                        LocalDate.parse("2026-03-10"),
                        LocalDate.parse("2026-03-11"),
                        LocalDate.parse("2026-03-12"),
                        LocalDate.parse("2026-03-13"));
    }

    @Test
    void a_started_engine_has_the_partitions_ahead_and_its_events_in_todays() throws Exception {
        Stores stores = TestStores.freshDatabase("ahead_part");
        try (Engine engine = TestEngines.started(TestEngines.config("ahead_stream"), stores)) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            assertThat(new LogPartitions(dataSource(stores.postgres()), null, Clock.systemUTC()).dayPartitions())
                    .contains(today, today.plusDays(1), today.plusDays(2), today.plusDays(3));
        }
    }

    private static StreamEntry entry(String id, String json, long receivedAtMicros) {
        return new StreamEntry(
                id, new EventIds().next(), json.getBytes(StandardCharsets.UTF_8), receivedAtMicros, false);
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }

    private static Flyway flyway(PostgresEndpoint pg, String target) {
        var config = Flyway.configure().dataSource(dataSource(pg)).locations("classpath:db/migration");
        return (target == null ? config : config.target(target)).load();
    }

    private static DataSource dataSource(PostgresEndpoint pg) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(pg.jdbcUrl());
        ds.setUser(pg.user());
        ds.setPassword(pg.password());
        return ds;
    }
}
