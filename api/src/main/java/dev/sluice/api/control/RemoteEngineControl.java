package dev.sluice.api.control;

import dev.sluice.api.EngineControl;
import dev.sluice.api.EngineException;
import dev.sluice.api.ExperimentDefinition;
import dev.sluice.api.ExperimentRequest;
import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.LoadReportFiles;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.Subscribers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EngineControl} for an engine in another process, over its control API: a consoles'
 * {@code --attach http://host:port}. Snapshots arrive on a Server-Sent Events stream; when the
 * engine goes away the client reports {@link #connected()} false and keeps reconnecting (backoff
 * up to 2 s), so a restarted engine is picked up by itself.
 *
 * <p>Concurrency: one {@code control-stream-reader} thread reads the stream and calls listeners;
 * the other methods are called from any thread and make their own HTTP requests.
 */
public final class RemoteEngineControl implements EngineControl, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RemoteEngineControl.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final int LOCAL_HISTORY = 600;

    private final URI base;
    private final String token;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Subscribers<MetricsSnapshot> subscribers = new Subscribers<>(log, "control");
    private final ArrayDeque<MetricsSnapshot> received = new ArrayDeque<>();
    private final Thread reader;
    private volatile MetricsSnapshot latest;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile Stream<String> open;

    private RemoteEngineControl(URI base, String token) {
        this.base = base;
        this.token = token;
        this.reader = new Thread(this::readLoop, "control-stream-reader");
        this.reader.setDaemon(true);
    }

    /**
     * Starts following the engine at {@code base} (e.g. {@code http://10.0.0.5:8080}). Returns at
     * once, even if the engine is not up yet.
     *
     * @param token the engine's control token, or null when its control API is open
     */
    public static RemoteEngineControl attach(URI base, String token) {
        String s = base.toString();
        RemoteEngineControl c = new RemoteEngineControl(URI.create(s.endsWith("/") ? s : s + "/"), token);
        c.reader.start();
        return c;
    }

    /** The engine's base URI, as given. */
    public URI target() {
        return base;
    }

    private void readLoop() {
        long backoff = 100;
        while (!closed) {
            try {
                HttpResponse<Stream<String>> r = http.send(
                        request("control/stream")
                                .header("Accept", "text/event-stream")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
                if (r.statusCode() != 200) {
                    r.body().close();
                    throw new IOException("control stream answered " + r.statusCode());
                }
                open = r.body();
                connected = true;
                backoff = 100;
                for (Iterator<String> lines = r.body().iterator(); lines.hasNext() && !closed; ) {
                    String line = lines.next();
                    if (line.startsWith("data:")) {
                        deliver(ControlJson.readSnapshot(line.substring(5).trim()));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                log.debug("control - stream from {} lost: {}", base, e.toString());
            } finally {
                connected = false;
                Stream<String> s = open;
                if (s != null) {
                    s.close();
                }
            }
            sleep(backoff);
            backoff = Math.min(2_000, backoff * 2);
        }
    }

    private void deliver(MetricsSnapshot s) {
        latest = s;
        synchronized (received) {
            received.addLast(s);
            while (received.size() > LOCAL_HISTORY) {
                received.removeFirst();
            }
        }
        subscribers.publish(s);
    }

    @Override
    public MetricsSnapshot snapshot() {
        return latest;
    }

    /** The engine's own history when reachable, else what this client has received. */
    @Override
    public List<MetricsSnapshot> history() {
        try {
            HttpResponse<String> r = send(request("control/history").GET().build());
            if (r.statusCode() == 200) {
                return ControlJson.readHistory(r.body());
            }
        } catch (EngineException e) {
            log.debug("control - history from {} unavailable: {}", base, e.getMessage());
        }
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<MetricsSnapshot> listener) {
        return subscribers.subscribe(listener);
    }

    /** Asks the engine (GET /control/knobs): a snapshot's knobs may be a tick old. */
    @Override
    public Knobs knobs() {
        HttpResponse<String> r = send(request("control/knobs").GET().build());
        expectOk(r);
        return ControlJson.readKnobs(r.body());
    }

    /** PUT /control/knobs with only the changed fields; the engine merges them and answers the knobs in force. */
    @Override
    public Knobs update(KnobsChange change) {
        if (change == null) {
            throw new IllegalArgumentException("a knobs change must be given");
        }
        HttpResponse<String> r = send(request("control/knobs")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(ControlJson.write(change)))
                .build());
        if (r.statusCode() == 400) {
            throw new IllegalArgumentException(ControlJson.problemDetail(r.body()));
        }
        expectOk(r);
        return ControlJson.readKnobs(r.body());
    }

    /** GET /control/profiles. */
    @Override
    public List<String> profiles() {
        HttpResponse<String> r = send(request("control/profiles").GET().build());
        expectOk(r);
        return ControlJson.readProfiles(r.body());
    }

    @Override
    public void startLoad(LoadSpec spec) {
        HttpResponse<String> r = send(request("control/load")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ControlJson.write(spec)))
                .build());
        if (r.statusCode() == 400) {
            throw new IllegalArgumentException(ControlJson.problemDetail(r.body()));
        }
        expectOk(r);
    }

    @Override
    public void stopLoad() {
        expectOk(send(request("control/load").DELETE().build()));
    }

    @Override
    public Optional<LoadReportFiles> lastLoadReport() {
        HttpResponse<byte[]> r =
                send(request("control/load/report").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new EngineException("engine at " + base + " answered " + r.statusCode() + ": "
                    + ControlJson.problemDetail(new String(r.body(), StandardCharsets.UTF_8)));
        }
        try {
            Instant finished = r.headers()
                    .firstValue(LoadReportZip.FINISHED_HEADER)
                    .map(Instant::parse)
                    .orElseGet(Instant::now);
            String description =
                    r.headers().firstValue(LoadReportZip.DESCRIPTION_HEADER).orElse("load");
            return Optional.of(LoadReportZip.unzip(r.body(), description, finished));
        } catch (IOException | DateTimeParseException e) {
            throw new EngineException("engine at " + base + " sent an unreadable load report: " + e.getMessage(), e);
        }
    }

    /** GET /control/experiments. */
    @Override
    public List<ExperimentDefinition> experiments() {
        HttpResponse<String> r = send(request("control/experiments").GET().build());
        expectOk(r);
        return ControlJson.readExperiments(r.body());
    }

    /** POST /control/experiment; 400 is a bad request, 409 an experiment already running. */
    @Override
    public void startExperiment(ExperimentRequest experiment) {
        HttpResponse<String> r = send(request("control/experiment")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ControlJson.write(experiment)))
                .build());
        if (r.statusCode() == 400) {
            throw new IllegalArgumentException(ControlJson.problemDetail(r.body()));
        }
        if (r.statusCode() == 409) {
            throw new IllegalStateException(ControlJson.problemDetail(r.body()));
        }
        expectOk(r);
    }

    /** DELETE /control/experiment. */
    @Override
    public void stopExperiment() {
        expectOk(send(request("control/experiment").DELETE().build()));
    }

    @Override
    public boolean connected() {
        return connected;
    }

    private void expectOk(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new EngineException(
                    "engine at " + base + " answered " + r.statusCode() + ": " + ControlJson.problemDetail(r.body()));
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new EngineException("engine at " + base + " is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted talking to " + base, e);
        }
    }

    /** Stops following. Idempotent. */
    @Override
    public void close() {
        closed = true;
        Stream<String> s = open;
        if (s != null) {
            s.close();
        }
        reader.interrupt();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
