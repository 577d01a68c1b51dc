package dev.sluice.loadgen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.loadgen.api.TargetProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a Sluice engine's stream backlog from its control API ({@code GET /control/snapshot},
 * field {@code stream.backlog}), so a CLI run against an engine reports max consumer lag and
 * recovery time. Talks plain HTTP through the JDK client, apart from the load's connections,
 * and knows nothing of the engine's code: only the JSON it serves.
 *
 * <p>Concurrency: {@link #backlog} is called from the generator's ticker thread only.
 */
final class SluiceBacklogProbe implements TargetProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI snapshot;
    private final String token;

    private SluiceBacklogProbe(URI target, String token) {
        String base = target.toString().endsWith("/") ? target.toString() : target + "/";
        this.snapshot = URI.create(base).resolve("control/snapshot");
        this.token = token;
    }

    /**
     * A probe when {@code target} answers like a Sluice engine, else empty (any other server, or
     * an engine whose control API refuses us).
     *
     * @param token the engine's control token, or null
     */
    static Optional<TargetProbe> detect(URI target, String token) {
        SluiceBacklogProbe probe = new SluiceBacklogProbe(target, token);
        return probe.backlog().isPresent() ? Optional.of(probe) : Optional.empty();
    }

    @Override
    public OptionalLong backlog() {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(snapshot).timeout(TIMEOUT).GET();
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return OptionalLong.empty();
            }
            JsonNode backlog = JSON.readTree(r.body()).path("stream").path("backlog");
            return backlog.isIntegralNumber() && backlog.asLong() >= 0
                    ? OptionalLong.of(backlog.asLong())
                    : OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }
}
