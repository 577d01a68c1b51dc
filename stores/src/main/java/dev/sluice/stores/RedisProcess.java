package dev.sluice.stores;

import io.lettuce.core.RedisException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * One redis-server from embedded-redis's bundled binaries, with AOF persistence in a data
 * directory. We take only the binary from embedded-redis and run the process ourselves, because
 * its {@code RedisServer.start()} registers a JVM shutdown hook that SIGTERMs Redis at the very
 * start of JVM shutdown (while the engine still drains into it), leaves the server in the JVM's
 * process group (a terminal Ctrl-C stops it at once, for the same reason), writes a temporary
 * config file that a killed JVM leaks, and waits for readiness and for exit without a bound.
 *
 * <p>Concurrency: created and closed by {@link EmbeddedStores}, which serializes both. One
 * daemon thread, {@code redis-server-output}, drains the server's output into SLF4J; without it
 * Redis would block once the pipe to our JVM is full.
 */
final class RedisProcess {
    private static final Logger log = LoggerFactory.getLogger(RedisProcess.class);
    private static final Logger serverLog = LoggerFactory.getLogger("dev.sluice.engine.store.redis-server");
    static final String CONFIG_FILE = "redis.conf";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Path dir;
    private final int port;
    private final long pid;

    private RedisProcess(Path dir, int port, long pid) {
        this.dir = dir;
        this.port = port;
        this.pid = pid;
    }

    /**
     * Starts redis-server on 127.0.0.1:{@code port} in its own session; blocks until it has loaded
     * its AOF and answers PING (at most two minutes). The binary is unpacked into {@code binDir},
     * inside the locked data directory, so two engines never rewrite one file while it runs.
     * {@code settings} give {@code maxmemory} and {@code appendfsync}.
     */
    static RedisProcess start(Path dir, Path binDir, int port, RedisSettings settings) throws IOException {
        Files.createDirectories(dir);
        Files.createDirectories(binDir);
        Path config = writeConfig(dir, port, settings);
        String binary =
                ExecutableProvider.newJarResourceProvider(binDir.toFile()).get().getAbsolutePath();
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid"))) {
            command.add("setsid");
        }
        command.add(binary);
        command.add(config.toString());
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        Deque<String> lastLines = drain(process);
        try {
            long pid = awaitReady(process, port, lastLines);
            return new RedisProcess(dir, port, pid);
        } catch (IOException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** The server's pid; -1 if unknown. */
    long pid() {
        return pid;
    }

    /** SHUTDOWN (AOF fsync), bounded wait, SIGKILL only as a last resort. Never throws. */
    void close() {
        if (!Leftovers.shutdownIfServing(port, dir) && pid > 0) {
            log.warn("stores - Redis (pid {}) did not take SHUTDOWN; sending SIGTERM", pid);
            Processes.signal(pid, "TERM");
        }
        if (pid > 0 && !Processes.awaitExit(pid, Duration.ofSeconds(20))) {
            log.warn(
                    "stores - Redis (pid {}) did not stop within 20 s; killing it (up to 1 s of writes may be lost)",
                    pid);
            Processes.kill(pid);
            Processes.awaitExit(pid, Duration.ofSeconds(5));
        }
    }

    /** Regenerated at every start, so the settings Sluice relies on cannot drift. */
    static Path writeConfig(Path dir, int port, RedisSettings settings) throws IOException {
        String conf = String.join(
                "\n",
                "# Written by Sluice at every start; edits are overwritten.",
                "bind 127.0.0.1",
                "port " + port,
                "dir " + quote(dir.toString()),
                "pidfile " + quote(dir.resolve(Leftovers.REDIS_PID_FILE).toString()),
                "appendonly yes",
                "appendfsync " + settings.fsync().label(),
                // A full Redis refuses writes (the API answers 429) instead of evicting the stream.
                "maxmemory " + settings.maxMemoryBytes(),
                "maxmemory-policy noeviction",
                // AOF is the durability; RDB snapshots would only add forks under load.
                "save \"\"",
                "daemonize no",
                "");
        Path file = dir.resolve(CONFIG_FILE);
        Files.writeString(file, conf, StandardCharsets.UTF_8);
        return file;
    }

    /** Polls PING until it answers PONG (not LOADING); returns the server's pid. */
    private static long awaitReady(Process process, int port, Deque<String> lastLines) throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer yet";
        try (RedisAdmin admin = RedisAdmin.create(Duration.ofSeconds(2))) {
            while (System.nanoTime() < deadline) {
                // Exit code 0 would be setsid having forked (it does for a group leader); Redis runs on.
                if (!process.isAlive() && process.exitValue() != 0) {
                    sleepQuietly(100);
                    throw new IOException(
                            "redis-server exited with code " + process.exitValue() + ": " + tail(lastLines));
                }
                try (RedisAdmin.Session r = admin.connectLocal(port)) {
                    r.ping();
                    return Leftovers.parsePid(r.info("server", "process_id")).orElse(process.pid());
                } catch (RedisException e) {
                    last = Causes.describe(e);
                }
                if (!sleepQuietly(25)) {
                    throw new IOException("interrupted while waiting for Redis");
                }
            }
        }
        throw new IOException(
                "Redis did not answer within " + READY_TIMEOUT.toSeconds() + " s (" + last + "): " + tail(lastLines));
    }

    /** False if interrupted (the flag is set again). */
    private static boolean sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts the output-draining thread; keeps the last few lines for error messages. */
    private static Deque<String> drain(Process process) {
        Deque<String> last = new ArrayDeque<>();
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            serverLog.debug("{}", line);
                            synchronized (last) {
                                if (last.size() == 5) {
                                    last.removeFirst();
                                }
                                last.addLast(line);
                            }
                        }
                    } catch (IOException e) {
                        serverLog.debug("output closed", e);
                    }
                },
                "redis-server-output");
        t.setDaemon(true);
        t.start();
        return last;
    }

    private static String tail(Deque<String> lines) {
        synchronized (lines) {
            return lines.isEmpty() ? "no output" : String.join(" | ", lines);
        }
    }

    /** Redis config syntax: a double-quoted string with backslash escapes, so paths may hold spaces. */
    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
