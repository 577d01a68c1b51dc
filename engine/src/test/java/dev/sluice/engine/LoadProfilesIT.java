package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.loadgen.LoadGenerators;
import dev.sluice.loadgen.api.LoadGenerator;
import dev.sluice.loadgen.api.LoadPlan;
import dev.sluice.loadgen.api.LoadReport;
import dev.sluice.stores.Stores;
import dev.sluice.testing.TestStores;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load generator's profiles and models, measured against a real engine on embedded stores. */
class LoadProfilesIT {
    private static Engine engine;

    @BeforeAll
    static void start() {
        Stores stores = TestStores.freshDatabase("load_profiles");
        engine = TestEngines.started(TestEngines.config("load_profiles_stream"), stores);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static LoadReport run(LoadPlan plan) {
        try (LoadGenerator generator = LoadGenerators.create()) {
            generator.start(plan);
            return generator.result();
        }
    }

    @Test
    void realistic_users_send_batches_of_5_to_15_and_think_1_to_3_seconds() {
        LoadReport r = run(LoadPlan.builder(engine.apiUri())
                .profile("realistic")
                .users(40)
                .duration(Duration.ofSeconds(8))
                .seed(11)
                .build());
        assertThat(r.okRequests()).isGreaterThan(40);
        assertThat(r.eventsPerRequest().min()).isGreaterThanOrEqualTo(5);
        assertThat(r.eventsPerRequest().max()).isLessThanOrEqualTo(15);
        assertThat(r.thinkMillis().count()).isPositive();
        assertThat(r.thinkMillis().min()).isGreaterThanOrEqualTo(1000);
        assertThat(r.thinkMillis().max()).isLessThanOrEqualTo(3000 + 50); // a wake-up may land a few ms late
        assertThat(r.errors().total()).as(r.errorSummary()).isZero();
    }

    @Test
    void open_model_holds_a_modest_rate() {
        LoadReport r = run(LoadPlan.builder(engine.apiUri())
                .profile("firehose")
                .rate(400)
                .duration(Duration.ofSeconds(6))
                .seed(3)
                .build());
        // The generator's pacing, not the machine: what it offered (written, or due but never
        // written because every connection was busy) holds the rate even when a cold engine on a
        // loaded machine answers more slowly; the answered rate alone measured the machine.
        double offeredPerSec = (r.requests() + r.missedSends()) / 6.0;
        assertThat(offeredPerSec)
                .as("offered %d written + %d missed in 6 s", r.requests(), r.missedSends())
                .isBetween(300.0, 500.0);
        assertThat(r.errors().total()).as(r.errorSummary()).isZero();
    }

    @Test
    void the_cli_against_an_engine_reports_lag_and_recovery_and_writes_parseable_reports(@TempDir Path dir)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = dev.sluice.loadgen.cli.Main.run(
                new String[] {
                    "--url",
                    engine.apiUri().toString(),
                    "--profile",
                    "stress",
                    "--users",
                    "8",
                    "--duration",
                    "4s",
                    "--report",
                    dir.toString(),
                    "--quiet"
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String summary = out.toString(StandardCharsets.UTF_8);
        assertThat(summary).contains("Avg RPS").contains("max consumer lag").doesNotContain("max consumer lag  n/a");

        JsonNode json = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(json.get("ok_requests").asLong()).isPositive();
        assertThat(json.get("max_consumer_lag").isNumber()).isTrue();
        assertThat(json.get("recovery_time_sec").isNumber()).isTrue();
        List<String> csv = Files.readAllLines(dir.resolve("ticks.csv"));
        assertThat(csv.get(0))
                .startsWith("second,state,requests_per_sec,events_per_sec")
                .contains("target_backlog");
        assertThat(csv).hasSizeGreaterThan(4);
        for (String png : List.of("requests.png", "latency.png", "backlog.png")) {
            BufferedImage image = ImageIO.read(dir.resolve(png).toFile());
            assertThat(image).as(png).isNotNull();
            assertThat(image.getWidth()).isGreaterThanOrEqualTo(800);
        }
        assertThat(Files.readString(dir.resolve("report.html"))).contains("data:image/png;base64,");
    }
}
