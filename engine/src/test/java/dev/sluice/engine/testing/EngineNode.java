package dev.sluice.engine.testing;

import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.control.ControlJson;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code sluice engine} process on external stores, as a user starts one on a server: its own
 * port, data directory (and so node id) and log file under {@code target/}.
 *
 * @param process the running JVM
 * @param api     where its API listens
 * @param log     its stdout and stderr
 */
public record EngineNode(Process process, URI api, Path log) {

    /**
     * Starts {@code sluice engine} on {@code stores} with {@code --data-dir target/nodes/<name>},
     * a free port, no JIT warm-up, {@code --reclaim-idle 2s}, then {@code extra} (a later flag wins).
     */
    public static EngineNode start(Stores stores, String name, String... extra) {
        PostgresEndpoint pg = stores.postgres();
        String pgUrl = pg.jdbcUrl() + "?user=" + encode(pg.user())
                + (pg.password() == null ? "" : "&password=" + encode(pg.password()));
        try {
            Path log = Path.of("target", "nodes", name + ".log").toAbsolutePath();
            Files.createDirectories(log.getParent());
            int port = TestPorts.free();
            List<String> args = new ArrayList<>(List.of(
                    "--port",
                    String.valueOf(port),
                    "--data-dir",
                    dataDir(name).toString(),
                    "--pg-url",
                    pgUrl,
                    "--redis-url",
                    stores.redis().uri(),
                    "--reclaim-idle",
                    "2s",
                    "--warm-up",
                    "0s"));
            args.addAll(List.of(extra));
            Process p = new ProcessBuilder(EngineProcesses.command(args.toArray(String[]::new)))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new EngineNode(p, URI.create("http://127.0.0.1:" + port), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data directory a node called {@code name} keeps its id in. */
    public static Path dataDir(String name) {
        return Path.of("target", "nodes", name).toAbsolutePath();
    }

    /** Waits until the process answers {@code GET /ready}; fails at once, naming its log, if it exits. */
    public EngineNode awaitReady() {
        Await.until("engine process " + process.pid() + " ready", Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("engine process exited with " + process.exitValue() + "; see " + log);
            }
            try {
                return Http.get(api, "/ready").statusCode() == 200;
            } catch (RuntimeException e) {
                return false; // not listening yet
            }
        });
        return this;
    }

    /** Its latest snapshot, as a console reads it from {@code GET /control/snapshot}. */
    public MetricsSnapshot snapshot() {
        HttpResponse<String> r = Http.get(api, "/control/snapshot");
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /control/snapshot answered " + r.statusCode() + ": " + r.body());
        }
        return ControlJson.readSnapshot(r.body());
    }

    /** SIGKILL, and waits for the process to be gone; returns its exit code (137). */
    public int kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("engine process " + process.pid() + " still alive 10 s after SIGKILL");
        }
        return process.exitValue();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
