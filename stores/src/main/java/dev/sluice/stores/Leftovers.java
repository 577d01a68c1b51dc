package dev.sluice.stores;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and stops store servers that a dead Sluice process left running on its data directory.
 * After {@code kill -9} of the engine, the postmaster and redis-server outlive it and keep the
 * directories busy, so the next start would fail. Only called while holding the
 * {@link DataDirLock}, which proves their owner is gone.
 *
 * <p>Both servers are stopped the way that loses nothing: PostgreSQL by fast shutdown (SIGINT:
 * roll back open transactions, checkpoint), Redis by SHUTDOWN (fsync the AOF). Escalation to
 * SIGQUIT/SIGKILL happens only after a bounded wait; PostgreSQL then replays its WAL on start.
 */
final class Leftovers {
    private static final Logger log = LoggerFactory.getLogger(Leftovers.class);
    static final String REDIS_PID_FILE = "redis.pid";

    private Leftovers() {}

    /** Blocks until no postmaster runs on {@code pgDir} (up to ~45 s), removing a stale postmaster.pid. */
    static void stopPostgres(Path pgDir) {
        Path pidFile = pgDir.resolve("postmaster.pid");
        List<String> lines = readLines(pidFile);
        if (lines == null) {
            return;
        }
        OptionalLong pid = parsePid(lines.isEmpty() ? "" : lines.get(0));
        if (pid.isEmpty() || !Processes.isRunning(pid.getAsLong())) {
            // PostgreSQL removes a stale file itself, but not an empty one or one naming a zombie.
            log.info("stores - removing stale {}", pidFile);
            delete(pidFile);
            return;
        }
        long p = pid.getAsLong();
        if (!servesDir(p, "postgres", pgDir)) {
            log.warn("stores - {} names pid {}, which is now another program; removing the stale file", pidFile, p);
            delete(pidFile);
            return;
        }
        log.warn("stores - stopping PostgreSQL (pid {}) left running on {} by a previous Sluice process", p, pgDir);
        Processes.signal(p, "INT");
        if (!Processes.awaitExit(p, Duration.ofSeconds(30))) {
            log.warn(
                    "stores - PostgreSQL (pid {}) ignored fast shutdown for 30 s; sending SIGQUIT (it will recover from WAL)",
                    p);
            Processes.signal(p, "QUIT");
            escalate(p, "PostgreSQL", pgDir, Duration.ofSeconds(10));
        }
        if (Files.exists(pidFile) && !Processes.isRunning(p)) {
            delete(pidFile);
        }
        log.info("stores - leftover PostgreSQL (pid {}) stopped", p);
    }

    /**
     * After the postmaster died (for example {@code kill -9}), its backends and auxiliary
     * processes notice and exit within moments; a new postmaster must not start while any of them
     * still touches the directory. Waits up to {@code grace} for them, then SIGKILLs the rest
     * (what the postmaster itself does to its children after a crash). Returns how many were left.
     */
    static int awaitPostgresOrphans(Path pgDir, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        List<ProcessHandle> left = postgresOnDir(pgDir);
        int found = left.size();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            if (!Processes.awaitExit(left.get(0).pid(), Duration.ofMillis(100))) {
                continue;
            }
            left = postgresOnDir(pgDir);
        }
        for (ProcessHandle h : left) {
            log.warn("stores - PostgreSQL process {} outlived its postmaster on {}; killing it", h.pid(), pgDir);
            Processes.kill(h.pid());
            Processes.awaitExit(h.pid(), Duration.ofSeconds(5));
        }
        return found;
    }

    /**
     * Removes PostgreSQL's Unix-socket lock file ({@code /tmp/.s.PGSQL.PORT.lock}) when it names
     * a postmaster that is gone or a zombie. A killed postmaster is re-parented away from us; where
     * nobody reaps orphans (a container whose PID 1 is not an init) it stays a zombie, which
     * PostgreSQL's own {@code kill(pid, 0)} check takes for a live server, and the next start fails
     * with "lock file ... already exists".
     */
    static void removeStaleSocketLock(Path socketDir, int port) {
        Path lock = socketDir.resolve(".s.PGSQL." + port + ".lock");
        List<String> lines = readLines(lock);
        if (lines == null || lines.isEmpty()) {
            return;
        }
        OptionalLong pid = parsePid(lines.get(0));
        if (pid.isPresent() && !Processes.isRunning(pid.getAsLong())) {
            log.info("stores - removing {}, left by PostgreSQL pid {} which is gone", lock, pid.getAsLong());
            delete(lock);
        }
    }

    private static List<ProcessHandle> postgresOnDir(Path pgDir) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(h -> h.pid() != self && Processes.isRunning(h.pid()))
                .filter(h -> h.info()
                        .command()
                        .map(c -> Path.of(c).getFileName().toString().startsWith("postgres"))
                        .orElse(false))
                .filter(h -> {
                    try {
                        return Files.isSameFile(Path.of("/proc", Long.toString(h.pid()), "cwd"), pgDir);
                    } catch (IOException | SecurityException e) {
                        return false;
                    }
                })
                .toList();
    }

    /**
     * Blocks until no redis-server serves {@code redisDir} (up to ~25 s). Finds it by the pidfile
     * Redis is configured to write, or else by asking whatever listens on {@code recordedPort}
     * for its {@code dir}.
     */
    static void stopRedis(Path redisDir, int recordedPort) {
        List<String> lines = readLines(redisDir.resolve(REDIS_PID_FILE));
        OptionalLong pid = lines == null || lines.isEmpty() ? OptionalLong.empty() : parsePid(lines.get(0));
        if (pid.isPresent() && Processes.isRunning(pid.getAsLong()) && servesDir(pid.getAsLong(), "redis", redisDir)) {
            long p = pid.getAsLong();
            log.warn("stores - stopping Redis (pid {}) left running on {} by a previous Sluice process", p, redisDir);
            stopRedis(p, redisDir, recordedPort);
            return;
        }
        OptionalLong served = servingPid(recordedPort, redisDir);
        if (served.isPresent()) {
            long p = served.getAsLong();
            log.warn("stores - stopping Redis (pid {}) left serving {} on port {}", p, redisDir, recordedPort);
            stopRedis(p, redisDir, recordedPort);
        }
    }

    private static void stopRedis(long pid, Path redisDir, int port) {
        if (!shutdownIfServing(port, redisDir)) {
            // Redis handles SIGTERM like SHUTDOWN: fsync the AOF, remove the pidfile, exit.
            Processes.signal(pid, "TERM");
        }
        escalate(pid, "Redis", redisDir, Duration.ofSeconds(20));
        log.info("stores - leftover Redis (pid {}) stopped", pid);
    }

    /** Sends SHUTDOWN to the Redis on {@code port} if it serves {@code dir}; true if it was sent and accepted. */
    static boolean shutdownIfServing(int port, Path dir) {
        if (port <= 0) {
            return false;
        }
        try (RedisAdmin admin = RedisAdmin.create(Duration.ofSeconds(2));
                RedisAdmin.Session r = admin.connectLocal(port)) {
            if (!sameDir(r.config("dir"), dir)) {
                return false;
            }
            return shutdown(r);
        } catch (RedisException e) {
            log.debug("stores - no Redis for {} on port {}: {}", dir, port, e.toString());
            return false;
        }
    }

    /**
     * Sends SHUTDOWN on an open connection: Redis flushes and fsyncs the AOF, then closes the
     * connection without a reply. True when the connection closed (accepted), false on an error reply.
     */
    static boolean shutdown(RedisAdmin.Session r) {
        try {
            return r.shutdown();
        } catch (RedisCommandExecutionException e) {
            log.warn("stores - Redis refused SHUTDOWN: {}", e.getMessage());
            return false;
        }
    }

    private static OptionalLong servingPid(int port, Path dir) {
        if (port <= 0) {
            return OptionalLong.empty();
        }
        try (RedisAdmin admin = RedisAdmin.create(Duration.ofSeconds(2));
                RedisAdmin.Session r = admin.connectLocal(port)) {
            if (sameDir(r.config("dir"), dir)) {
                return parsePid(r.info("server", "process_id"));
            }
        } catch (RedisException e) {
            log.debug("stores - nothing answers RESP on port {}: {}", port, e.toString());
        }
        return OptionalLong.empty();
    }

    /** Waits for {@code pid}, then SIGKILLs it and its children; throws if even that does not work. */
    private static void escalate(long pid, String what, Path dir, Duration grace) {
        if (Processes.awaitExit(pid, grace)) {
            return;
        }
        log.warn("stores - {} (pid {}) did not stop within {} s; killing it", what, pid, grace.toSeconds());
        Processes.kill(pid);
        if (!Processes.awaitExit(pid, Duration.ofSeconds(5))) {
            throw new StoreStartException(what + " (pid " + pid + ") left running on " + dir
                    + " does not stop; stop it by hand and start again");
        }
    }

    /**
     * True if {@code pid} runs a {@code program} binary whose working directory is {@code dir}:
     * both servers chdir into their data directory, which tells them apart from a recycled pid.
     */
    private static boolean servesDir(long pid, String program, Path dir) {
        String command = Processes.command(pid);
        if (command.isEmpty()) {
            if (!Processes.isRunning(pid)) {
                return false;
            }
            throw new StoreStartException("a process (pid " + pid + ") that may be " + program + " is running on " + dir
                    + " and cannot be inspected (another user?); stop it and start again");
        }
        if (!Path.of(command).getFileName().toString().startsWith(program)) {
            return false;
        }
        try {
            return Files.isSameFile(Path.of("/proc", Long.toString(pid), "cwd"), dir);
        } catch (IOException | SecurityException e) {
            // No /proc (not Linux): fall back to the command line naming the directory.
            return Processes.commandLine(pid).contains(dir.toString());
        }
    }

    private static boolean sameDir(String reported, Path dir) {
        try {
            return reported != null && Files.isSameFile(Path.of(reported), dir);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static OptionalLong parsePid(String s) {
        try {
            long pid = Long.parseLong(s == null ? "" : s.trim());
            return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The file's lines, or null when it does not exist or cannot be read. */
    private static List<String> readLines(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("stores - cannot read {}: {}", file, e.toString());
            return null;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("stores - cannot delete {}: {}", file, e.toString());
        }
    }
}
