package dev.sluice.engine.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBatchParserTest {
    private final EventBatchParser parser = new EventBatchParser(3);

    private List<String> parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8)).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    private static Problem problem(Runnable r) {
        try {
            r.run();
        } catch (Problem p) {
            return p;
        }
        throw new AssertionError("expected a Problem");
    }

    @Test
    void single_object_keeps_the_exact_bytes() {
        assertThat(parse("  {\"a\": 1, \"b\": [1, {\"c\": \"é\"}]}\n")).containsExactly("{\"a\": 1, \"b\": [1, {\"c\": \"é\"}]}");
    }

    @Test
    void array_is_cut_into_one_slice_per_object() {
        assertThat(parse("[{\"i\":1}, {\"i\":2,\"n\":{\"x\":[]}} ,{}]"))
                .containsExactly("{\"i\":1}", "{\"i\":2,\"n\":{\"x\":[]}}", "{}");
    }

    @Test
    void scalars_and_non_object_items_are_refused_with_their_index() {
        assertThat(problem(() -> parse("42")).detail()).contains("was a number");
        assertThat(problem(() -> parse("\"x\"")).detail()).contains("was a string");
        assertThat(problem(() -> parse("[{\"a\":1}, 7]")).detail()).contains("event [1]").contains("number");
        assertThat(problem(() -> parse("[{}, null]")).detail()).contains("event [1]").contains("null");
    }

    @Test
    void empty_body_and_empty_array_are_refused() {
        assertThat(problem(() -> parse("")).detail()).contains("empty");
        assertThat(problem(() -> parse("[]")).detail()).contains("empty");
    }

    @Test
    void malformed_json_names_the_byte() {
        Problem p = problem(() -> parse("{\"a\": }"));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.detail()).startsWith("malformed JSON").contains("at byte");
        assertThat(problem(() -> parse("[{\"a\":1}")).detail()).contains("malformed JSON");
        assertThat(problem(() -> parse("{\"a\":1} {\"b\":2}")).detail()).contains("after the JSON value");
    }

    @Test
    void nul_characters_are_refused_in_values_and_names() {
        assertThat(problem(() -> parse("[{}, {\"msg\":\"a\\u0000b\"}]")).detail())
                .contains("event [1]").contains("\\u0000").contains("'msg'");
        assertThat(problem(() -> parse("{\"a\\u0000\":1}")).detail()).contains("field name");
    }

    @Test
    void unpaired_surrogates_are_refused_but_pairs_pass() {
        assertThat(problem(() -> parse("{\"s\":\"\\ud800x\"}")).detail()).contains("surrogate");
        assertThat(parse("{\"s\":\"\\ud83d\\ude00\"}")).hasSize(1);
    }

    @Test
    void more_events_than_the_limit_is_413() {
        Problem p = problem(() -> parse("[{},{},{},{}]"));
        assertThat(p.status()).isEqualTo(413);
        assertThat(p.detail()).contains("at most 3");
    }

    @Test
    void nesting_deeper_than_the_bound_is_refused() {
        String deep = "{\"a\":".repeat(EventBatchParser.MAX_DEPTH + 5) + "1" + "}".repeat(EventBatchParser.MAX_DEPTH + 5);
        assertThat(problem(() -> parse(deep)).detail()).contains("deeper than " + EventBatchParser.MAX_DEPTH);
    }

    @Test
    void n_must_be_1_to_1000() {
        assertThat(HttpApi.parseN(null)).isEqualTo(100);
        assertThat(HttpApi.parseN("5")).isEqualTo(5);
        for (String bad : List.of("0", "-1", "abc", "1001", "2.5")) {
            assertThat(problem(() -> HttpApi.parseN(bad)).detail()).contains("1 to 1000");
        }
    }
}
