package dev.sluice.stores;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One zonky embedded PostgreSQL on a persistent data directory. Server output goes to a log file
 * beside the data directory, not through our stdout: it survives the JVM, and a postmaster that
 * outlives a killed JVM never writes into a dead pipe.
 *
 * <p>Concurrency: created and closed by {@link EmbeddedStores}, which serializes both.
 */
final class PostgresServer {
    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    static final String SUPERUSER = "postgres";
    /** PostgreSQL's default {@code unix_socket_directories}, which zonky keeps. */
    static final Path SOCKET_DIR = Path.of("/tmp");

    private static final long LOG_ROTATE_BYTES = 10L << 20;

    private final EmbeddedPostgres pg;
    private final AtomicBoolean zonkyClosed;
    private final int port;
    private final long pid;

    private PostgresServer(EmbeddedPostgres pg, AtomicBoolean zonkyClosed, int port, long pid) {
        this.pg = pg;
        this.zonkyClosed = zonkyClosed;
        this.port = port;
        this.pid = pid;
    }

    /** Runs initdb if the directory is new, then starts the postmaster; blocks until it accepts connections. */
    static PostgresServer start(Path pgDir, Path logFile, int port) throws IOException {
        rotate(logFile);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(pgDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // zonky passes -F (fsync off) and synchronous_commit=off: fine for throwaway test
                // databases, not for rows the engine has already XACKed out of Redis.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // Sized for sustained bulk loads: fewer checkpoints means fewer full-page writes in
                // the WAL; more shared buffers keep the indexes of a growing table in memory.
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "15min")
                .setServerConfig("shared_buffers", "256MB")
                // Crash recovery after a leftover was killed can replay a lot of WAL.
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        return new PostgresServer(pg, disarmShutdownHook(pg), port, postmasterPid(pgDir));
    }

    int port() {
        return port;
    }

    /** The postmaster's pid; -1 if unknown. */
    long pid() {
        return pid;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates {@code database} unless it exists. */
    void createDatabaseIfMissing(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, null);
                PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, database);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            }
            log.info("stores - created database {}", database);
        }
    }

    /**
     * Fast shutdown ({@code pg_ctl stop -m fast}), then waits up to 30 s for the postmaster to
     * exit: zonky's pg_ctl gives up after 5 s while a large shutdown checkpoint may still be
     * running, and the directory is only free once it is done. Never throws.
     */
    void close() {
        if (zonkyClosed != null) {
            zonkyClosed.set(false);
        }
        try {
            pg.close();
        } catch (IOException | RuntimeException e) {
            log.warn("stores - stopping PostgreSQL failed: {}", e.toString());
        }
        if (pid > 0 && !Processes.awaitExit(pid, Duration.ofSeconds(30))) {
            log.warn(
                    "stores - PostgreSQL (pid {}) still shutting down after 30 s; the next start will finish the job",
                    pid);
        }
    }

    /**
     * Lets go of a server whose postmaster is already dead: releases zonky's lock on the data
     * directory (so a new server can start on it in this JVM) without running {@code pg_ctl stop},
     * which would only wait and then log a stack trace about a server that is not there. Falls
     * back to {@link #close()} if zonky's internals differ. Never throws.
     */
    void abandon() {
        try {
            Field lockField = EmbeddedPostgres.class.getDeclaredField("lock");
            Field streamField = EmbeddedPostgres.class.getDeclaredField("lockStream");
            lockField.setAccessible(true);
            streamField.setAccessible(true);
            if (zonkyClosed != null) {
                zonkyClosed.set(true);
            }
            FileLock lock = (FileLock) lockField.get(pg);
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            Closeable stream = (Closeable) streamField.get(pg);
            if (stream != null) {
                stream.close();
            }
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            log.debug("zonky's lock could not be released directly ({}); closing through pg_ctl", e.toString());
            close();
        }
    }

    /**
     * zonky adds a JVM shutdown hook per server that runs {@code pg_ctl stop} as soon as JVM
     * shutdown begins, in parallel with the engine's own hook, which is still draining into
     * PostgreSQL. The hook calls {@code close()}, which returns at once while zonky's private
     * {@code closed} flag is set; so we set it now and clear it in {@link #close()} just before
     * closing for real. Returns the flag, or null (hook left armed) if zonky's internals differ.
     */
    private static AtomicBoolean disarmShutdownHook(EmbeddedPostgres pg) {
        try {
            Field field = EmbeddedPostgres.class.getDeclaredField("closed");
            field.setAccessible(true);
            AtomicBoolean closed = (AtomicBoolean) field.get(pg);
            closed.set(true);
            return closed;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("zonky's shutdown hook stays armed: {}", e.toString());
            return null;
        }
    }

    private static long postmasterPid(Path pgDir) {
        try {
            List<String> lines = Files.readAllLines(pgDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? -1 : Leftovers.parsePid(lines.get(0)).orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Keeps one previous log; PostgreSQL writes little at default settings, but runs can be long. */
    private static void rotate(Path logFile) {
        try {
            if (Files.isRegularFile(logFile) && Files.size(logFile) > LOG_ROTATE_BYTES) {
                Files.move(
                        logFile,
                        logFile.resolveSibling(logFile.getFileName() + ".1"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.debug("could not rotate {}", logFile, e);
        }
    }
}
