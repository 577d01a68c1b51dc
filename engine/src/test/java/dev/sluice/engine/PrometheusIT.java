package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.MetricsSnapshot;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestStores;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PrometheusIT {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");
    private static final Pattern TYPE =
            Pattern.compile("^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$");

    /** Parses the text format strictly: every line is a comment, a TYPE/HELP line or a sample. */
    private static Map<String, Double> parse(String text, Map<String, String> types) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher t = TYPE.matcher(line);
            if (t.matches()) {
                types.put(t.group(1), t.group(2));
                continue;
            }
            if (line.startsWith("#")) {
                assertThat(line).startsWith("# HELP ");
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("sample line: %s", line).isTrue();
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
        return samples;
    }

    @Test
    void metrics_endpoint_speaks_prometheus_text_with_sluice_names() {
        Stores stores = TestStores.freshDatabase("prometheus");
        try (Engine engine = TestEngines.started(TestEngines.config("prom_stream"), stores)) {
            for (int i = 0; i < 10; i++) {
                assertThat(Http.post(engine.apiUri(), "/write", RestartIT.batch(i * 10, 10))
                                .statusCode())
                        .isEqualTo(202);
            }
            // acknowledged too, as SnapshotIT waits: a worker releases the packed entries it held
            // just after Redis deletes them, so one tick can see the stream empty and 9 events still held
            Await.until("everything committed and acknowledged", Duration.ofSeconds(30), () -> {
                MetricsSnapshot s = engine.snapshot();
                return s.totals().rowsCommitted() == 100
                        && s.stream().backlog() == 0
                        && s.stream().pending() == 0;
            });

            HttpResponse<String> r = Http.get(engine.apiUri(), "/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            Map<String, String> types = new HashMap<>();
            Map<String, Double> samples = parse(r.body(), types);

            assertThat(samples.get("sluice_events_accepted_total")).isEqualTo(100.0);
            assertThat(samples.get("sluice_rows_committed_total")).isEqualTo(100.0);
            assertThat(samples.get("sluice_write_requests_accepted_total")).isEqualTo(10.0);
            assertThat(samples.get("sluice_stream_backlog")).isEqualTo(0.0);
            assertThat(samples.get("sluice_stream_pending")).isEqualTo(0.0);
            assertThat(samples.get("sluice_stream_lag")).isEqualTo(0.0);
            assertThat(samples.get("sluice_workers")).isEqualTo(10.0);
            assertThat(types)
                    .containsEntry("sluice_events_accepted_total", "counter")
                    .containsEntry("sluice_stream_lag", "gauge")
                    .containsEntry("sluice_write_latency_seconds", "histogram")
                    .containsEntry("sluice_commit_latency_seconds", "histogram");
            assertThat(samples.get("sluice_write_latency_seconds_count")).isEqualTo(10.0);
            // one observation per committed flush (the oldest row's latency)
            assertThat(samples.get("sluice_commit_latency_seconds_count"))
                    .isEqualTo(samples.get("sluice_flushes_total"));
            assertThat(samples.get("sluice_flushes_total")).isPositive();
            assertThat(samples.get("sluice_write_latency_seconds_bucket{le=\"+Inf\"}"))
                    .isEqualTo(10.0);
            assertThat(samples.keySet().stream().filter(k -> !k.startsWith("sluice_")))
                    .isEmpty();
            assertThat(samples.get("sluice_store_up{store=\"postgres\"}")).isEqualTo(1.0);
            assertThat(samples.get("sluice_store_up{store=\"redis\"}")).isEqualTo(1.0);
            assertThat(samples.get("sluice_store_restarts_total{store=\"redis\"}"))
                    .isEqualTo(0.0);
            assertThat(samples.get("sluice_store_last_recovery_seconds{store=\"postgres\"}"))
                    .isNaN();
            assertThat(samples.get("sluice_degraded")).isEqualTo(0.0);
        }
    }
}
