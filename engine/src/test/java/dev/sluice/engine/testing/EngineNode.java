package dev.sluice.engine.testing;

import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.control.ControlJson;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@code sluice engine} process on external stores, as a user starts one on a server: an
 * {@link EngineRun} with its own data directory (and so node id) under {@code target/nodes/}, any
 * free port, no JIT warm-up and a quick reclaim.
 *
 * <p>Not thread-safe: start it, then {@link #awaitReady} on one thread; the rest may be read from any.
 */
public final class EngineNode {
    private static final Path DIR = Path.of("target", "nodes").toAbsolutePath();
    /** Each start gets its own output files, so a node started again keeps the first run's. */
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final EngineRun run;
    private volatile URI api;

    private EngineNode(EngineRun run) {
        this.run = run;
    }

    /**
     * Starts {@code sluice engine} on {@code stores} with {@code --data-dir target/nodes/<name>},
     * {@code --port 0}, no JIT warm-up, {@code --reclaim-idle 2s}, then {@code extra} (a later flag
     * wins). Does not wait: {@link #awaitReady}.
     */
    public static EngineNode start(Stores stores, String name, String... extra) {
        PostgresEndpoint pg = stores.postgres();
        String pgUrl = pg.jdbcUrl() + "?user=" + encode(pg.user())
                + (pg.password() == null ? "" : "&password=" + encode(pg.password()));
        List<String> args = new ArrayList<>(List.of(
                "--port",
                "0",
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
        try {
            return new EngineNode(EngineRun.start(DIR, name + "-" + RUNS.incrementAndGet(), List.of(), args));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data directory a node called {@code name} keeps its id in. */
    public static Path dataDir(String name) {
        return DIR.resolve(name);
    }

    /** Waits until the engine says it runs (fails at once, with its stderr, if it exits); learns its API address. */
    public EngineNode awaitReady() {
        api = run.awaitRunning();
        return this;
    }

    /** Where its API listens; known once {@link #awaitReady} returned. */
    public URI api() {
        if (api == null) {
            throw new IllegalStateException("awaitReady first: the engine picks its port when it starts");
        }
        return api;
    }

    /** Its latest snapshot, as a console reads it from {@code GET /control/snapshot}. */
    public MetricsSnapshot snapshot() {
        HttpResponse<String> r = Http.get(api(), "/control/snapshot");
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /control/snapshot answered " + r.statusCode() + ": " + r.body());
        }
        return ControlJson.readSnapshot(r.body());
    }

    /** Waits for the process to end by itself: its exit code and what it printed. */
    public EngineRun.Exit awaitExit() throws InterruptedException {
        return run.awaitExit();
    }

    public Process process() {
        return run.process();
    }

    /** SIGKILL, and waits for the process to be gone; returns its exit code (137). */
    public int kill9() throws InterruptedException {
        Process p = run.process();
        p.destroyForcibly();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("engine process " + p.pid() + " still alive 10 s after SIGKILL");
        }
        return p.exitValue();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
