package dev.sluice.stores;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals and waits for store server processes that may not be our children (a postmaster is
 * always re-parented by {@code pg_ctl}; anything a killed JVM left behind is too). Every wait is
 * bounded.
 */
public final class Processes {
    private static final Logger log = LoggerFactory.getLogger(Processes.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private Processes() {}

    /**
     * True while {@code pid} exists and is not a zombie. A zombie still answers {@code kill -0},
     * so PostgreSQL would take it for a live postmaster; when nobody reaps orphans (a container
     * whose PID 1 is not an init), that is how a stopped leftover looks.
     */
    static boolean isRunning(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        return state(pid) != 'Z';
    }

    /** The executable path, or "" when the OS will not say (another user's process). */
    static String command(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("");
    }

    /** The whole command line, from /proc where available; "" when unknown. */
    static String commandLine(long pid) {
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        try {
            if (Files.isReadable(cmdline)) {
                return new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8)
                        .replace('\0', ' ')
                        .trim();
            }
        } catch (IOException e) {
            log.debug("could not read {}", cmdline, e);
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("");
    }

    /** Polls until {@code pid} is gone or a zombie; false if still running after {@code timeout}. */
    static boolean awaitExit(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isRunning(pid);
            }
        }
        return true;
    }

    /**
     * Sends a named signal (INT, QUIT, TERM) with {@code kill}. ProcessHandle only knows TERM and
     * KILL, and PostgreSQL's fast shutdown is INT; falls back to TERM if {@code kill} fails.
     */
    public static void signal(long pid, String name) {
        try {
            Process kill = new ProcessBuilder(List.of("kill", "-s", name, Long.toString(pid)))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
            kill.destroyForcibly();
        } catch (IOException e) {
            log.debug("kill -s {} {} failed", name, pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }

    /** SIGKILL to the process and everything below it; the last resort after a graceful stop timed out. */
    static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(h -> {
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
        });
    }

    /** The state letter from /proc/PID/stat ('R', 'S', 'Z', ...), or '?' off Linux. */
    private static char state(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String s = Files.readString(stat, StandardCharsets.UTF_8);
            // The command name in parentheses may itself contain spaces or ')'.
            int end = s.lastIndexOf(')');
            return end > 0 && end + 2 < s.length() ? s.charAt(end + 2) : '?';
        } catch (IOException e) {
            return '?';
        }
    }
}
