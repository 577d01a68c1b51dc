package dev.sluice.engine;

import dev.sluice.api.Durations;
import dev.sluice.engine.config.EngineConfig.SinkConfig;
import dev.sluice.engine.sink.LogPartitions;
import dev.sluice.stores.PostgresEndpoint;
import java.sql.SQLException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readies the partitioned {@code logs} at start: the GIN index when asked for, one pass of {@link
 * LogPartitions} (today's and the next days' partitions, the retention), then the hourly passes.
 * A user that does not own {@code logs} cannot make partitions: its rows go to {@code logs_default}
 * (a COPY never fails for that), which is a WARN; asking such a user for a retention, or for a GIN
 * index that does not exist yet, is a start that cannot go on.
 *
 * <p>Runs once, on the starting thread.
 */
final class LogTable {
    private static final Logger log = LoggerFactory.getLogger(LogTable.class);

    private LogTable() {}

    /** Returns the partitions' keeper, its hourly passes started (or not, see the class comment); close it at stop. */
    static LogPartitions prepare(PostgresPool pool, PostgresEndpoint pg, SinkConfig sink) {
        String where = "PostgreSQL at " + pg.displayUrl() + ": ";
        LogPartitions partitions = new LogPartitions(pool.dataSource(), sink.retention(), Clock.systemUTC());
        try {
            if (!partitions.mayManage()) {
                refuseOrWarn(pool, partitions, sink, where);
                return partitions;
            }
            if (sink.ginIndex() && !partitions.hasGinIndex()) {
                log.info("log-partitions - creating GIN index {} on logs.event", LogPartitions.GIN_INDEX);
                partitions.createGinIndex();
            }
            LogPartitions.Pass pass = partitions.maintain();
            log.info(
                    "log-partitions - partitions of logs through {} days ahead, retention {}{}",
                    LogPartitions.DAYS_AHEAD,
                    sink.retention() == null ? "none (every row is kept)" : Durations.format(sink.retention()),
                    pass.dropped().isEmpty() ? "" : ", dropped " + pass.dropped());
            partitions.startHourly();
            return partitions;
        } catch (SQLException e) {
            throw new EngineStartException(
                    where + "could not ready the partitions of logs: " + DefaultEngine.rootMessage(e), e);
        }
    }

    private static void refuseOrWarn(PostgresPool pool, LogPartitions partitions, SinkConfig sink, String where)
            throws SQLException {
        SchemaMigration.Account a = SchemaMigration.Account.read(pool.dataSource());
        String who = "user " + a.user() + " does not own logs (or may not create in schema " + a.schema() + ")";
        if (sink.retention() != null) {
            throw new EngineStartException(where + who + ", so it cannot drop old partitions for --retention;"
                    + " run without --retention, or as the owner of Sluice's tables");
        }
        if (sink.ginIndex() && !partitions.hasGinIndex()) {
            throw new EngineStartException(where + who + ", so it cannot create the GIN index for --gin-index;"
                    + " run the engine once as the owner with --gin-index");
        }
        log.warn(
                "log-partitions - {}: it makes no partitions ahead, and events of days without one land in logs_default;"
                        + " the owner's next engine start moves them to their day's partition",
                who);
    }
}
