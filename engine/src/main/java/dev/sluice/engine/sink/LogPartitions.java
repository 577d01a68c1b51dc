package dev.sluice.engine.sink;

import dev.sluice.engine.concurrent.DaemonThreads;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the day partitions of {@code logs} (V4): one per UTC day, {@code logs_pYYYYMMDD}, covering
 * [day 00:00Z, next day 00:00Z). Each pass makes the partitions of today and the next {@link
 * #DAYS_AHEAD} days, moves rows that landed in {@code logs_default} into a partition of their day
 * (made then), and, with a retention, drops the partitions whose whole day is older than now minus
 * the retention. Rows in {@code logs_default} are never deleted: those older than the retention
 * stay, and each pass says how many at WARN.
 *
 * <p>A pass is one transaction per partition it makes or drops, under a transaction-scoped advisory
 * lock (two engines on one database take turns) and a 2 s lock timeout, so that it never queues
 * the writers' COPY behind itself for long: a pass that cannot have its lock gives up and the next
 * one tries again. Making and dropping partitions needs the ownership of {@code logs} and
 * {@code CREATE} on its schema ({@link #mayManage}).
 *
 * <p>Concurrency: {@link #maintain} runs on the starting thread once, then on the
 * {@code log-partitions} thread every hour; {@link #close} from the stopping thread.
 */
public final class LogPartitions implements AutoCloseable {
    /** Days after today whose partitions exist ahead of their first event. */
    public static final int DAYS_AHEAD = 3;
    /** The name of the optional GIN index on {@code event}. */
    public static final String GIN_INDEX = "logs_event_gin";

    private static final Logger log = LoggerFactory.getLogger(LogPartitions.class);
    private static final Pattern DAY_PARTITION = Pattern.compile("logs_p(\\d{8})");
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;
    // any constant both engines agree on: the maintenance of logs' partitions
    private static final long LOCK_KEY = 0x736c7569_63650004L;

    private final DataSource pool;
    private final Duration retention;
    private final Clock clock;
    private ScheduledExecutorService timer;

    /** @param retention how long rows are kept, or null to keep them all */
    public LogPartitions(DataSource pool, Duration retention, Clock clock) {
        this.pool = pool;
        this.retention = retention;
        this.clock = clock;
    }

    /** What one pass did: partitions made (with the rows moved out of the default), dropped, and rows of old days left in the default. */
    public record Pass(List<String> made, List<String> dropped, long oldRowsInDefault) {}

    /** Whether this user may make and drop partitions of {@code logs}: it owns the table and may create in its schema. */
    public boolean mayManage() throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT pg_has_role(c.relowner, 'USAGE')"
                                + " AND has_schema_privilege(c.relnamespace, 'CREATE') FROM pg_class c WHERE c.oid = 'logs'::regclass");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Whether the GIN index on {@code event} exists. */
    public boolean hasGinIndex() throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, GIN_INDEX);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Creates the GIN index on {@code event} ({@code jsonb_path_ops}: containment {@code @>} only,
     * smaller and cheaper to write than the default operator class) on every partition, present and
     * future. Blocks writes to {@code logs} while it builds. Idempotent.
     */
    public void createGinIndex() throws SQLException {
        execute("CREATE INDEX IF NOT EXISTS " + GIN_INDEX + " ON logs USING gin (event jsonb_path_ops)");
    }

    /** One pass (see the class comment); blocks on PostgreSQL. */
    public Pass maintain() throws SQLException {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant cutoff = retention == null ? null : now.minus(retention);
        // an operator may have dropped the default (README, On Citus): then there is nothing to move or count
        boolean hasDefault = !strings("SELECT 1 WHERE to_regclass('logs_default') IS NOT NULL")
                .isEmpty();
        TreeSet<LocalDate> wanted = new TreeSet<>();
        for (int d = 0; d <= DAYS_AHEAD; d++) {
            wanted.add(today.plusDays(d));
        }
        for (LocalDate day : hasDefault ? daysInDefault() : List.<LocalDate>of()) {
            if (cutoff == null || end(day).isAfter(cutoff)) {
                wanted.add(day);
            }
        }
        List<LocalDate> existing = dayPartitions();
        List<String> made = new ArrayList<>();
        for (LocalDate day : wanted) {
            if (!existing.contains(day) && make(day, hasDefault)) {
                made.add(name(day));
            }
        }
        List<String> dropped = new ArrayList<>();
        long oldInDefault = 0;
        if (cutoff != null) {
            for (LocalDate day : existing) {
                if (!end(day).isAfter(cutoff) && drop(day, cutoff)) {
                    dropped.add(name(day));
                }
            }
            oldInDefault = hasDefault ? rowsInDefaultBefore(cutoff) : 0;
            if (oldInDefault > 0) {
                log.warn(
                        "log-partitions - logs_default holds {} rows received before {} (the retention's cutoff); retention"
                                + " never deletes from the default partition: DELETE FROM logs_default WHERE received_at < '{}'"
                                + " removes them",
                        oldInDefault,
                        cutoff,
                        cutoff);
            }
        }
        return new Pass(made, dropped, oldInDefault);
    }

    /** Runs {@link #maintain} every hour on the {@code log-partitions} thread; a failed pass is logged at WARN and the next one tries again. */
    public void startHourly() {
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("log-partitions"));
        timer.scheduleWithFixedDelay(this::maintainQuietly, 1, 1, TimeUnit.HOURS);
    }

    private void maintainQuietly() {
        try {
            maintain();
        } catch (SQLException | RuntimeException e) {
            log.warn("log-partitions - pass failed, next one in an hour: {}", firstLine(e));
        }
    }

    /** Makes the partition of {@code day}, moving into it the rows of that day the default holds; false if another engine made it first. */
    private boolean make(LocalDate day, boolean hasDefault) throws SQLException {
        String name = name(day);
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                lock(s);
                if (exists(s, name)) {
                    c.rollback();
                    return false;
                }
                s.execute("CREATE TABLE " + name + " (LIKE logs INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
                int moved = 0;
                if (hasDefault) {
                    // the default first: a COPY routes rows to it, and the ATTACH below scans it
                    s.execute("LOCK TABLE logs_default IN ACCESS EXCLUSIVE MODE");
                    moved = s.executeUpdate("WITH moved AS (DELETE FROM logs_default WHERE received_at >= "
                            + literal(start(day)) + " AND received_at < " + literal(end(day)) + " RETURNING *)"
                            + " INSERT INTO " + name + " SELECT * FROM moved");
                }
                s.execute("ALTER TABLE logs ATTACH PARTITION " + name + " FOR VALUES FROM (" + literal(start(day))
                        + ") TO (" + literal(end(day)) + ")");
                c.commit();
                log.info(
                        "log-partitions - made {}{}",
                        name,
                        moved == 0 ? "" : ", with " + moved + " rows moved from logs_default");
                return true;
            } catch (SQLException | RuntimeException e) {
                LogSink.rollbackQuietly(c);
                throw e;
            }
        }
    }

    private boolean drop(LocalDate day, Instant cutoff) throws SQLException {
        String name = name(day);
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                lock(s);
                if (!exists(s, name)) {
                    c.rollback();
                    return false;
                }
                s.execute("DROP TABLE " + name);
                c.commit();
                log.info(
                        "log-partitions - dropped {} (its whole day is older than the retention's cutoff {})",
                        name,
                        cutoff);
                return true;
            } catch (SQLException | RuntimeException e) {
                LogSink.rollbackQuietly(c);
                throw e;
            }
        }
    }

    private static void lock(Statement s) throws SQLException {
        s.execute("SET LOCAL lock_timeout = '2s'");
        s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
    }

    private static boolean exists(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT to_regclass('" + name + "') IS NOT NULL")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** The days of the {@code logs_pYYYYMMDD} partitions of {@code logs}, oldest first. */
    public List<LocalDate> dayPartitions() throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        for (String table : strings("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'logs'::regclass ORDER BY 1")) {
            Matcher m = DAY_PARTITION.matcher(table);
            if (m.matches()) {
                days.add(LocalDate.parse(m.group(1), BASIC));
            }
        }
        return days;
    }

    private List<LocalDate> daysInDefault() throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        for (String day : strings("SELECT DISTINCT ((received_at AT TIME ZONE 'UTC')::date)::text FROM logs_default")) {
            days.add(LocalDate.parse(day));
        }
        return days;
    }

    private long rowsInDefaultBefore(Instant cutoff) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM logs_default WHERE received_at < ?")) {
            ps.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String name(LocalDate day) {
        return "logs_p" + day.format(BASIC);
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Instant end(LocalDate day) {
        return start(day.plusDays(1));
    }

    private static String literal(Instant t) {
        return "'" + t + "'::timestamptz";
    }

    private static String firstLine(Exception e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
