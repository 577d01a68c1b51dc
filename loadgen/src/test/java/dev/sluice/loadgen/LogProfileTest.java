package dev.sluice.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.loadgen.api.Request;
import dev.sluice.loadgen.api.RequestSource;
import java.nio.charset.StandardCharsets;
import java.util.IntSummaryStatistics;
import org.junit.jupiter.api.Test;

class LogProfileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Profiles profiles = Profiles.builtin();

    @Test
    void firehose_sends_single_log_events_with_the_fields_of_a_real_log_line() throws Exception {
        RequestSource s = profiles.named("firehose").newSource(7);
        IntSummaryStatistics sizes = new IntSummaryStatistics();
        for (int i = 0; i < 2000; i++) {
            Request r = s.next();
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/write");
            assertThat(r.events()).isEqualTo(1);
            JsonNode event = JSON.readTree(r.body());
            assertThat(event.isObject()).isTrue();
            assertThat(event.fieldNames())
                    .toIterable()
                    .contains("ts", "level", "service", "message", "trace_id", "span_id", "user_id", "latency_ms");
            assertThat(event.get("trace_id").asText()).hasSize(32);
            sizes.accept(r.body().length);
        }
        assertThat(sizes.getMin()).isLessThan(300);
        assertThat(sizes.getMax()).isGreaterThan(800);
    }

    @Test
    void same_seed_gives_the_same_events_apart_from_the_timestamp() {
        RequestSource a = profiles.named("realistic").newSource(42);
        RequestSource b = profiles.named("realistic").newSource(42);
        RequestSource c = profiles.named("realistic").newSource(43);
        String first = withoutTimestamps(a.next());
        assertThat(withoutTimestamps(b.next())).isEqualTo(first);
        assertThat(withoutTimestamps(c.next())).isNotEqualTo(first);
    }

    @Test
    void batch_sizes_follow_the_profile() throws Exception {
        RequestSource realistic = profiles.named("realistic").newSource(1);
        IntSummaryStatistics batches = new IntSummaryStatistics();
        for (int i = 0; i < 500; i++) {
            Request r = realistic.next();
            assertThat(JSON.readTree(r.body()).size()).isEqualTo(r.events());
            batches.accept(r.events());
        }
        assertThat(batches.getMin()).isEqualTo(5);
        assertThat(batches.getMax()).isEqualTo(15);
        assertThat(profiles.named("stress").newSource(1).next().events()).isEqualTo(200);
    }

    @Test
    void read_mix_is_mostly_writes_with_about_a_tenth_reads() {
        RequestSource s = profiles.named("read-mix").newSource(3);
        int reads = 0;
        for (int i = 0; i < 10_000; i++) {
            Request r = s.next();
            if (r.method().equals("GET")) {
                assertThat(r.path()).isEqualTo("/messages?n=20");
                assertThat(r.body()).isNull();
                reads++;
            }
        }
        assertThat(reads).isBetween(800, 1200);
    }

    private static String withoutTimestamps(Request r) {
        return new String(r.body(), StandardCharsets.UTF_8).replaceAll("\"ts\":\"[^\"]*\"", "");
    }
}
