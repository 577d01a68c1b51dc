package dev.sluice.engine.testing;

import dev.sluice.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code sluice engine} process run as a user runs it, its stdout and stderr each in a file
 * of its own under {@code target/}, so a test can assert on exactly what a person would read.
 *
 * <p>Not thread-safe; {@link #close()} kills the process if it still runs.
 */
public final class EngineRun implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(120);

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private EngineRun(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** What a finished process left: its exit code and the lines it printed. */
    public record Exit(int code, List<String> stdout, List<String> stderr) {}

    /**
     * Starts {@code java [jvmOptions] dev.sluice.engine.Main args}; output goes to
     * {@code dir/name.out} and {@code dir/name.err}. Does not wait for anything.
     */
    public static EngineRun start(Path dir, String name, List<String> jvmOptions, List<String> args)
            throws IOException {
        return start(dev.sluice.engine.Main.class, dir, name, jvmOptions, args);
    }

    /** As {@link #start(Path, String, List, List)}, running {@code main} (e.g. {@code ExperimentMain}). */
    public static EngineRun start(Class<?> main, Path dir, String name, List<String> jvmOptions, List<String> args)
            throws IOException {
        Files.createDirectories(dir);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(EngineProcesses.commandOf(main, jvmOptions, args.toArray(String[]::new)))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new EngineRun(p, out, err);
    }

    /**
     * Waits until the engine prints that it runs and returns its API address (the {@code api} line,
     * which shows the port {@code --port 0} got). Fails at once, with what the process printed, if it exits.
     */
    public URI awaitRunning() {
        Await.until("engine process " + process.pid() + " running (see " + stdout + ")", START, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(
                        "engine process exited with " + process.exitValue() + ", stderr: " + lines(stderr));
            }
            return lines(stdout).contains("engine running; Ctrl-C or SIGTERM drains and stops it");
        });
        String api = stdoutLines().stream()
                .filter(l -> l.startsWith("api "))
                .findFirst()
                .orElseThrow();
        return URI.create(api.split("\\s+")[1]);
    }

    /** Waits for the process to end by itself (at most two minutes). */
    public Exit awaitExit() throws InterruptedException {
        if (!process.waitFor(START.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("engine process " + process.pid() + " still runs after " + START.toSeconds()
                    + " s, stderr: " + lines(stderr));
        }
        return new Exit(process.exitValue(), lines(stdout), lines(stderr));
    }

    /** SIGTERM, as Ctrl-C or {@code systemctl stop} send it; waits for the drain and the exit. */
    public Exit stop() throws InterruptedException {
        process.destroy();
        return awaitExit();
    }

    /** The JVM itself, for a test that kills it. */
    public Process process() {
        return process;
    }

    public List<String> stdoutLines() {
        return lines(stdout);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : new ArrayList<>();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
