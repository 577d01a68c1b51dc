package dev.sluice.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.loadgen.api.Request;
import dev.sluice.loadgen.api.RequestSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadProfileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Profiles profiles = Profiles.builtin();

    @Test
    void queue_is_half_posts_of_a_message_and_half_consumes_over_three_channels() throws Exception {
        RequestSource s = profiles.named("queue").newSource(5);
        Map<String, Integer> byPath = new HashMap<>();
        Set<String> postedTo = new HashSet<>();
        Set<Long> seqs = new HashSet<>();
        for (int i = 0; i < 4000; i++) {
            Request r = s.next();
            if (r.method().equals("POST")) {
                assertThat(r.path()).isEqualTo("/message");
                assertThat(r.events()).isEqualTo(1);
                JsonNode body = JSON.readTree(r.body());
                postedTo.add(body.path("channel").asText());
                assertThat(body.path("message").isObject()).isTrue();
                assertThat(seqs.add(body.path("message").path("seq").asLong())).isTrue();
                byPath.merge("POST", 1, Integer::sum);
            } else {
                assertThat(r.path()).matches("/queue/(one|two|three)");
                assertThat(r.body()).isNull();
                byPath.merge("GET", 1, Integer::sum);
            }
        }
        assertThat(postedTo).containsExactlyInAnyOrder("one", "two", "three");
        assertThat(byPath.get("POST")).isBetween(1800, 2200);
        assertThat(byPath.get("GET")).isBetween(1800, 2200);
    }

    @Test
    void items_is_mostly_page_reads_and_some_posts_of_seed_004s_item() {
        RequestSource s = profiles.named("items").newSource(5);
        int posts = 0;
        for (int i = 0; i < 5000; i++) {
            Request r = s.next();
            if (r.method().equals("POST")) {
                posts++;
                assertThat(r.path()).isEqualTo("/items");
                assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo("{\"name\":\"x\",\"description\":\"y\"}");
            } else {
                assertThat(r.path()).isEqualTo("/items");
                assertThat(r.events()).isZero();
            }
        }
        assertThat(posts).isBetween(400, 600);
        assertThat(profiles.named("items").defaultUsers()).isEqualTo(100);
    }
}
