package dev.sluice.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.loadgen.LoadGenerators;
import dev.sluice.loadgen.Profiles;
import dev.sluice.loadgen.api.LoadGenerator;
import dev.sluice.loadgen.api.LoadGeneratorException;
import dev.sluice.loadgen.api.LoadPlan;
import dev.sluice.loadgen.api.LoadReport;
import dev.sluice.loadgen.api.LoadState;
import dev.sluice.loadgen.api.TargetProbe;
import java.awt.image.BufferedImage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpServer server;
    private static final AtomicLong received = new AtomicLong();

    @BeforeAll
    static void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.createContext("/write", ex -> {
            ex.getRequestBody().readAllBytes();
            received.incrementAndGet();
            byte[] body = "{\"accepted\":1}".getBytes();
            ex.sendResponseHeaders(202, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    private static URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Stands in for an engine's backlog: what was received, then draining to 0 over 3 polls once load stops. */
    private static TargetProbe drainingBacklog(AtomicReference<LoadGenerator> generator) {
        AtomicInteger pollsWhileRecovering = new AtomicInteger();
        return () -> {
            if (generator.get().state() != LoadState.RECOVERING) {
                return OptionalLong.of(received.get());
            }
            return OptionalLong.of(Math.max(0, 3 - pollsWhileRecovering.incrementAndGet()) * 100L);
        };
    }

    @Test
    void reports_are_written_and_parse(@TempDir Path dir) throws Exception {
        AtomicReference<LoadGenerator> ref = new AtomicReference<>();
        LoadReport r;
        try (LoadGenerator g =
                LoadGenerators.create(Profiles.builtin(), Optional.of(drainingBacklog(ref)), Duration.ofSeconds(10))) {
            ref.set(g);
            g.start(LoadPlan.builder(uri())
                    .profile("firehose")
                    .users(4)
                    .connections(4)
                    .duration(Duration.ofSeconds(3))
                    .build());
            r = g.result();
        }
        assertThat(r.maxTargetBacklog()).isPresent();
        assertThat(r.maxTargetBacklog().getAsLong()).isPositive();
        assertThat(r.recoveryTime())
                .hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofMillis(100), Duration.ofSeconds(5)));

        ReportWriter.Written w = ReportWriter.write(r, dir);

        List<String> csv = Files.readAllLines(w.csv());
        assertThat(csv.get(0).split(",")).containsExactlyElementsOf(CsvReport.COLUMNS);
        assertThat(csv).hasSize(r.ticks().size() + 1);
        for (String row : csv.subList(1, csv.size())) {
            String[] cells = row.split(",", -1);
            assertThat(cells).hasSize(CsvReport.COLUMNS.size());
            assertThat(Double.parseDouble(cells[2])).isNotNegative();
            Double.parseDouble(cells[7]);
        }
        assertThat(csv.get(csv.size() - 1)).contains("recovering");

        JsonNode json = JSON.readTree(w.json().toFile());
        assertThat(json.get("requests").asLong()).isEqualTo(r.requests()).isPositive();
        assertThat(json.get("requests_per_sec").asDouble()).isPositive();
        assertThat(json.get("latency_ms").get("p99").asDouble()).isPositive();
        assertThat(json.get("latency_uncorrected_ms").has("p50")).isTrue();
        assertThat(json.get("errors").get("total").asLong()).isZero();
        assertThat(json.get("error_rate").asDouble()).isZero();
        assertThat(json.get("plan").get("profile").asText()).isEqualTo("firehose");
        assertThat(json.get("max_consumer_lag").asLong())
                .isEqualTo(r.maxTargetBacklog().getAsLong());
        assertThat(json.get("recovery_time_sec").asDouble()).isPositive();

        assertThat(w.charts())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("requests.png", "latency.png", "backlog.png");
        String html = Files.readString(w.html());
        for (Path png : w.charts()) {
            BufferedImage img = ImageIO.read(png.toFile());
            assertThat(img).as(png.toString()).isNotNull();
            assertThat(img.getWidth()).isEqualTo(Charts.WIDTH);
            assertThat(img.getHeight()).isEqualTo(Charts.HEIGHT);
            assertThat(html)
                    .contains("data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(png)));
        }
        assertThat(html)
                .contains("<img alt=\"latency.png\"")
                .contains("href=\"ticks.csv\"")
                .contains("href=\"summary.json\"")
                .contains("Avg RPS")
                .doesNotContain("src=\"latency.png\"");
    }

    @Test
    void without_a_probe_lag_and_recovery_read_na() throws Exception {
        LoadReport r;
        try (LoadGenerator g = LoadGenerators.create()) {
            g.start(LoadPlan.builder(uri())
                    .profile("firehose")
                    .users(2)
                    .connections(2)
                    .requestLimit(50)
                    .build());
            r = g.result();
        }
        assertThat(r.maxTargetBacklog()).isEmpty();
        assertThat(r.recoveryTime()).isEmpty();
        String table = SummaryTable.render(r);
        assertThat(table).contains("max lag").contains("recovery").containsPattern("max consumer lag +n/a");
        assertThat(JSON.readTree(JsonReport.render(r)).get("max_consumer_lag").isNull())
                .isTrue();
        assertThat(Charts.hasBacklog(r)).isFalse();
    }

    @Test
    void unreachable_target_fails_start_with_one_line() {
        LoadGenerator g = LoadGenerators.create();
        assertThatThrownBy(() -> g.start(LoadPlan.builder(URI.create("http://127.0.0.1:1"))
                        .users(1)
                        .connections(1)
                        .build()))
                .isInstanceOf(LoadGeneratorException.class)
                .hasMessageStartingWith("cannot connect to http://127.0.0.1:1: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(g.state()).isEqualTo(LoadState.FAILED);
        assertThatThrownBy(g::result).isInstanceOf(LoadGeneratorException.class);
        assertThatThrownBy(() -> g.start(LoadPlan.builder(uri()).build())).isInstanceOf(IllegalStateException.class);
        g.close();
    }
}
