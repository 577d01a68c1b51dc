package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.testing.EngineProcesses;
import dev.sluice.testing.Await;
import dev.sluice.testing.TestDirs;
import dev.sluice.testing.TestPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code sluice engine} on embedded stores gets SIGTERM (what {@code docker stop}, systemd or
 * Ctrl-C sends) while it warms up, before it ever served: the process ends, and the PostgreSQL
 * and Redis it started for itself end with it. Before, the JVM halted under the start and both
 * servers kept running (they run in their own session so a terminal's Ctrl-C reaches only the
 * engine).
 */
class SignalDuringStartIT {
    private Process engine;
    private Path dataDir;

    @AfterEach
    void cleanUp() throws Exception {
        if (engine != null) {
            engine.destroyForcibly();
        }
        storeProcesses().forEach(ProcessHandle::destroyForcibly);
        TestDirs.deleteTree(dataDir);
    }

    @Test
    void sigterm_during_the_warm_up_stops_the_engine_and_the_embedded_stores_it_started() throws Exception {
        dataDir = Files.createTempDirectory("sluice-signal-during-start");
        Path log = Path.of("target", "signal-during-start.log").toAbsolutePath();
        engine = new ProcessBuilder(EngineProcesses.command(
                        "--port",
                        String.valueOf(TestPorts.free()),
                        "--data-dir",
                        dataDir.toString(),
                        "--warm-up",
                        "5m"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Await.until(
                "the engine is warming up (see " + log + ")",
                Duration.ofSeconds(120),
                () -> read(log).contains("warming up the JIT"));
        assertThat(storeProcesses())
                .as("PostgreSQL and Redis running for the engine")
                .hasSize(2);

        engine.destroy(); // SIGTERM
        assertThat(engine.waitFor(60, TimeUnit.SECONDS))
                .as("the engine exited after SIGTERM")
                .isTrue();
        assertThat(engine.exitValue()).as("ended by SIGTERM (128 + 15)").isEqualTo(143);
        String output = read(log);
        assertThat(output).contains("JIT warm-up ended by the stop", "embedded stores stopped");
        assertThat(output).as("a stack trace for the user").doesNotContain("\tat ");
        Await.until(
                "no PostgreSQL or Redis left on " + dataDir + " (" + describe(storeProcesses()) + ")",
                Duration.ofSeconds(30),
                () -> storeProcesses().isEmpty());
    }

    /** The server processes whose command line names this test's data directory (a user's {@code pgrep -f}). */
    private List<ProcessHandle> storeProcesses() {
        if (dataDir == null) {
            return List.of();
        }
        String dir = dataDir.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(dir)).orElse(false))
                .filter(p -> engine == null || p.pid() != engine.pid())
                .toList();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(List<ProcessHandle> processes) {
        return processes.stream()
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .toList()
                .toString();
    }
}
