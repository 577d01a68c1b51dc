package dev.sluice.loadgen.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LoadReportTest {

    private static LoadReport report(ErrorCounts errors, Map<Integer, Long> statuses, long requests) {
        LoadPlan plan = LoadPlan.builder(URI.create("http://127.0.0.1:1"))
                .profile("firehose")
                .rate(10)
                .duration(Duration.ofSeconds(1))
                .build();
        return new LoadReport(
                plan,
                Instant.EPOCH,
                Duration.ofSeconds(1),
                requests,
                requests - errors.total(),
                0,
                errors,
                statuses,
                0,
                0,
                requests,
                0,
                LatencySummary.EMPTY,
                LatencySummary.EMPTY,
                Distribution.EMPTY,
                Distribution.EMPTY,
                OptionalLong.empty(),
                Optional.empty(),
                List.of(),
                false);
    }

    @Test
    void error_summary_names_every_kind_and_the_failed_statuses() {
        LoadReport r = report(new ErrorCounts(3, 1, 2), Map.of(202, 94L, 503, 2L, 429, 1L), 100);
        assertThat(r.errorSummary())
                .isEqualTo("6 errors: status 3 (429 x1, 503 x2), timeout 1, connection 2 of 100 requests");
    }

    @Test
    void error_summary_of_a_clean_run_says_zero() {
        LoadReport r = report(ErrorCounts.NONE, Map.of(202, 10L), 10);
        assertThat(r.errorSummary()).isEqualTo("0 errors: status 0, timeout 0, connection 0 of 10 requests");
    }
}
