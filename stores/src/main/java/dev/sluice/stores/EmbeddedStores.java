package dev.sluice.stores;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 17 (zonky) and Redis 6.2 (embedded-redis, AOF on), started by Sluice on free
 * loopback ports with their data in one directory, so a restart loses nothing:
 * <pre>
 * dataDir/sluice.lock        owner pid; an OS lock held while these stores run
 * dataDir/ports.properties   ports of the last run, re-used when free so URLs stay stable
 * dataDir/postgres/          PostgreSQL cluster (database "sluice", user "postgres", trust auth)
 * dataDir/postgres.log       PostgreSQL server log
 * dataDir/redis/             appendonly.aof, redis.pid, redis.conf (rewritten at every start)
 * dataDir/redis-bin/         the unpacked redis-server binary
 * </pre>
 * {@link #start} cleans up after a previous engine that died without stopping its stores (for
 * example {@code kill -9}): their servers are still running on the directory, and are stopped
 * gracefully first. It refuses to start while another live process holds the directory.
 *
 * <p>No JVM shutdown hook stops these servers: zonky's own hook is disarmed, and Redis runs in
 * its own session, so neither JVM shutdown nor a terminal Ctrl-C stops a store while the engine
 * is still draining into it. The owner calls {@link #close()} (from its shutdown hook, after the
 * drain). If the JVM ends without it, the servers keep running and the next {@link #start}
 * stops them.
 *
 * <p>While they run, a {@link StoreSupervisor} restarts either server if its process dies
 * (same directory, same port, so clients reconnect to the URL they know), with bounded retries.
 *
 * <p>Concurrency: {@link #postgres()}, {@link #redis()} and {@link #restarts} are safe from any
 * thread; {@link #close()} may race with itself (one caller does the work). A restart (on a
 * supervisor thread) and {@link #close()} are serialized by this object's monitor.
 */
public final class EmbeddedStores implements Stores {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStores.class);
    static final String DATABASE = "sluice";
    /** The file in {@code DATA_DIR/redis} that holds the embedded Redis server's pid. */
    public static final String REDIS_PID_FILE = Leftovers.REDIS_PID_FILE;

    private final Path dataDir;
    private final DataDirLock lock;
    private volatile PostgresServer pg;
    private volatile RedisProcess redis;
    private final StoreSupervisor supervisor;
    /** What the embedded Redis was started with; a restart after its death uses the same. */
    private final RedisSettings redisSettings;

    private final PostgresEndpoint postgresEndpoint;
    private final RedisEndpoint redisEndpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedStores(
            Path dataDir, DataDirLock lock, PostgresServer pg, RedisProcess redis, RedisSettings redisSettings) {
        this.redisSettings = redisSettings;
        this.dataDir = dataDir;
        this.lock = lock;
        this.pg = pg;
        this.redis = redis;
        this.postgresEndpoint = new PostgresEndpoint(pg.jdbcUrl(DATABASE), PostgresServer.SUPERUSER, null, "embedded");
        this.redisEndpoint = new RedisEndpoint("redis://127.0.0.1:" + redis.port(), "embedded");
        this.supervisor = new StoreSupervisor(List.of(
                new StoreSupervisor.Supervised(
                        "redis", () -> Processes.isRunning(this.redis.pid()), this::restartRedis),
                new StoreSupervisor.Supervised(
                        "postgres", () -> Processes.isRunning(this.pg.pid()), this::restartPostgres)));
    }

    /**
     * Starts both servers on {@code dataDir} (created if missing) and blocks until both accept
     * connections: about a second on an existing directory, a few more for initdb on a new one,
     * longer when a leftover server must first be stopped or PostgreSQL replays WAL.
     *
     * @throws StoreStartException with one line when the directory is in use by a running
     *         Sluice process, or a server cannot be started; nothing is left running then
     */
    public static EmbeddedStores start(Path dataDir) {
        return start(dataDir, RedisSettings.defaults());
    }

    /** As {@link #start(Path)}, with the embedded Redis' {@code maxmemory} and {@code appendfsync} from {@code redisSettings}. */
    public static EmbeddedStores start(Path dataDir, RedisSettings redisSettings) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreStartException("cannot create data directory " + dir + ": " + e, e);
        }
        DataDirLock lock = DataDirLock.acquire(dir);
        PostgresServer pg = null;
        RedisProcess redis = null;
        try {
            Ports last = Ports.read(dir);
            Leftovers.stopPostgres(dir.resolve("postgres"));
            Leftovers.stopRedis(dir.resolve("redis"), last.redis());
            int pgPort = Ports.pick(last.postgres(), 0);
            int redisPort = Ports.pick(last.redis(), pgPort);
            // Recorded before starting, so a crash mid-start still tells the next run where Redis listens.
            new Ports(pgPort, redisPort).write(dir);
            redis = startRedis(dir, redisPort, redisSettings);
            pg = startPostgres(dir, pgPort);
            pg.createDatabaseIfMissing(DATABASE);
            EmbeddedStores stores = new EmbeddedStores(dir, lock, pg, redis, redisSettings);
            stores.supervisor.start();
            log.info(
                    "stores - embedded stores running on {}: postgres {}, redis {}",
                    dir,
                    stores.postgresEndpoint.displayUrl(),
                    stores.redisEndpoint.displayUrl());
            return stores;
        } catch (IOException | SQLException | RuntimeException e) {
            if (redis != null) {
                redis.close();
            }
            if (pg != null) {
                pg.close();
            }
            lock.close();
            if (e instanceof StoreStartException ese) {
                throw ese;
            }
            throw new StoreStartException("embedded stores did not start in " + dir + ": " + Causes.describe(e), e);
        }
    }

    /** The directory the stores keep their data in (absolute). */
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public PostgresEndpoint postgres() {
        return postgresEndpoint;
    }

    @Override
    public RedisEndpoint redis() {
        return redisEndpoint;
    }

    /**
     * Stops Redis (SHUTDOWN: AOF fsynced), then PostgreSQL (fast shutdown), then releases the
     * directory. Blocks until both exited, normally well under a second each, at most about a
     * minute. Idempotent; never throws.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("stores - stopping embedded stores on {}", dataDir);
        supervisor.close();
        synchronized (this) {
            quietly("Redis", redis::close);
            quietly("PostgreSQL", pg::close);
        }
        quietly("the data directory lock", lock::close);
        log.info("stores - embedded stores stopped");
    }

    /** How often {@code store} ("postgres" or "redis") was restarted after its process died. */
    @Override
    public long restarts(String store) {
        return supervisor.restarts(store);
    }

    private synchronized void restartRedis() throws IOException {
        if (closed.get()) {
            return;
        }
        RedisProcess old = redis;
        // The process is gone; a stale pidfile is harmless (Redis rewrites it), a zombie is reaped by the JVM.
        redis = RedisProcess.start(dataDir.resolve("redis"), dataDir.resolve("redis-bin"), old.port(), redisSettings);
        log.info("stores - Redis restarted on port {} (pid {})", old.port(), redis.pid());
    }

    private synchronized void restartPostgres() throws IOException {
        if (closed.get()) {
            return;
        }
        PostgresServer old = pg;
        Path pgDir = dataDir.resolve("postgres");
        // Releases zonky's lock file on the directory, so a new server can start on it.
        quietly("the dead PostgreSQL", old::abandon);
        int orphans = Leftovers.awaitPostgresOrphans(pgDir, Duration.ofSeconds(5));
        if (orphans > 0) {
            log.info("stores - {} PostgreSQL processes of the dead postmaster have exited", orphans);
        }
        Leftovers.stopPostgres(pgDir);
        Leftovers.removeStaleSocketLock(PostgresServer.SOCKET_DIR, old.port());
        try {
            pg = PostgresServer.start(pgDir, dataDir.resolve("postgres.log"), old.port());
        } catch (IOException | RuntimeException e) {
            // Stop whatever a half-started postmaster left, so the next try finds the directory free.
            quietly("a half-started PostgreSQL", () -> Leftovers.stopPostgres(pgDir));
            throw e;
        }
        log.info("stores - PostgreSQL restarted on port {} (pid {})", old.port(), pg.pid());
    }

    private static void quietly(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("stores - stopping {} failed: {}", what, e.toString());
        }
    }

    @Override
    public String toString() {
        return "EmbeddedStores[" + dataDir + ", " + postgresEndpoint.displayUrl() + ", " + redisEndpoint.displayUrl()
                + "]";
    }

    private static RedisProcess startRedis(Path dir, int port, RedisSettings settings) {
        try {
            return RedisProcess.start(dir.resolve("redis"), dir.resolve("redis-bin"), port, settings);
        } catch (IOException | RuntimeException e) {
            throw new StoreStartException(
                    "embedded Redis did not start on 127.0.0.1:" + port + ": " + Causes.describe(e), e);
        }
    }

    private static PostgresServer startPostgres(Path dir, int port) {
        Path pgDir = dir.resolve("postgres");
        Path logFile = dir.resolve("postgres.log");
        try {
            return PostgresServer.start(pgDir, logFile, port);
        } catch (IOException | RuntimeException e) {
            // zonky does not hand back a half-started server; stop whatever it left on the directory.
            try {
                Leftovers.stopPostgres(pgDir);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new StoreStartException(
                    "embedded PostgreSQL did not start on 127.0.0.1:" + port + ": " + Causes.describe(e) + " (see "
                            + logFile + ")",
                    e);
        }
    }
}
