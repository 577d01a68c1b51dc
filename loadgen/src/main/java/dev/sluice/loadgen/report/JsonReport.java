package dev.sluice.loadgen.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.loadgen.api.Distribution;
import dev.sluice.loadgen.api.LatencySummary;
import dev.sluice.loadgen.api.LoadPlan;
import dev.sluice.loadgen.api.LoadReport;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The run summary as JSON. Field names are spelled out here rather than derived from the records,
 * so renaming a Java field never silently changes the file other tools parse.
 */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    public static String render(LoadReport r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("plan", plan(r.plan()));
        root.put("started_at", r.startedAt().toString());
        root.put("load_duration_sec", r.loadDuration().toMillis() / 1000.0);
        root.put("stopped_early", r.stoppedEarly());
        root.put("requests", r.requests());
        root.put("ok_requests", r.okRequests());
        root.put("events", r.events());
        root.put("requests_per_sec", round(r.requestsPerSec()));
        root.put("events_per_sec", round(r.eventsPerSec()));
        root.put("error_rate", r.errorRate());
        root.put(
                "errors",
                Map.of(
                        "status",
                        r.errors().status(),
                        "timeout",
                        r.errors().timeout(),
                        "connection",
                        r.errors().connection(),
                        "total",
                        r.errors().total()));
        Map<String, Long> byStatus = new LinkedHashMap<>();
        r.statusCounts().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> byStatus.put(Integer.toString(e.getKey()), e.getValue()));
        root.put("status_counts", byStatus);
        root.put("late_sends", r.lateSends());
        root.put("missed_sends", r.missedSends());
        root.put("latency_ms", latency(r.corrected()));
        root.put("latency_uncorrected_ms", latency(r.uncorrected()));
        root.put("events_per_request", distribution(r.eventsPerRequest()));
        root.put("think_ms", distribution(r.thinkMillis()));
        root.put(
                "max_consumer_lag",
                r.maxTargetBacklog().isPresent() ? r.maxTargetBacklog().getAsLong() : null);
        root.put(
                "recovery_time_sec",
                r.recoveryTime().map(d -> d.toMillis() / 1000.0).orElse(null));
        root.put("ticks", r.ticks().size());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> plan(LoadPlan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", p.target().toString());
        m.put("profile", p.profile());
        m.put("model", p.model().name().toLowerCase(Locale.ROOT));
        m.put("users", p.users());
        m.put("rate", p.ratePerSec());
        m.put("duration_sec", p.duration().toMillis() / 1000.0);
        m.put(
                "stages",
                p.stages().stream()
                        .map(s -> Map.of(
                                "from",
                                s.from(),
                                "to",
                                s.to(),
                                "duration_sec",
                                s.duration().toMillis() / 1000.0))
                        .toList());
        m.put("request_limit", p.requestLimit());
        m.put("seed", p.seed());
        m.put("connections", p.connections());
        m.put("io_threads", p.ioThreads());
        m.put("connect_timeout_ms", p.connectTimeout().toMillis());
        m.put("request_timeout_ms", p.requestTimeout().toMillis());
        return m;
    }

    private static Map<String, Object> latency(LatencySummary l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", l.count());
        m.put("p50", l.p50Micros() / 1000.0);
        m.put("p90", l.p90Micros() / 1000.0);
        m.put("p95", l.p95Micros() / 1000.0);
        m.put("p99", l.p99Micros() / 1000.0);
        m.put("p999", l.p999Micros() / 1000.0);
        m.put("max", l.maxMicros() / 1000.0);
        m.put("mean", round(l.meanMicros() / 1000.0));
        return m;
    }

    private static Map<String, Object> distribution(Distribution d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", d.count());
        m.put("min", d.min());
        m.put("max", d.max());
        m.put("mean", round(d.mean()));
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
