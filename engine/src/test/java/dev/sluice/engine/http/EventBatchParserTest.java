package dev.sluice.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBatchParserTest {
    private final EventBatchParser parser = new EventBatchParser(3);

    private List<String> parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8)).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .toList();
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
        assertThat(parse("  {\"a\": 1, \"b\": [1, {\"c\": \"é\"}]}\n"))
                .containsExactly("{\"a\": 1, \"b\": [1, {\"c\": \"é\"}]}");
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
        assertThat(problem(() -> parse("[{\"a\":1}, 7]")).detail())
                .contains("event [1]")
                .contains("number");
        assertThat(problem(() -> parse("[{}, null]")).detail())
                .contains("event [1]")
                .contains("null");
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
        assertThat(detail("[{}, {\"msg\":\"a\\u0000b\"}]"))
                .isEqualTo("event [1] at /msg: the string contains \\u0000 (NUL), which PostgreSQL cannot store");
        assertThat(detail("{\"a\":{\"b\\u0000\":1}}"))
                .isEqualTo(
                        "the event at /a/b\\u0000: the field name contains \\u0000 (NUL), which PostgreSQL cannot store");
    }

    @Test
    void unpaired_surrogates_are_refused_but_pairs_pass() {
        assertThat(detail("{\"s\":[\"ok\",\"\\ud800x\"]}"))
                .isEqualTo(
                        "the event at /s/1: the string contains an unpaired UTF-16 surrogate \\ud800, which PostgreSQL cannot store");
        assertThat(detail("{\"s\":\"\\ude00\\ud83d\"}")).contains("surrogate \\ude00");
        assertThat(detail("{\"s\":\"\\ud83d\"}")).contains("surrogate \\ud83d");
        assertThat(parse("{\"s\":\"\\ud83d\\ude00\\udbff\\udfff\"}")).hasSize(1);
    }

    @Test
    void more_events_than_the_limit_is_413() {
        Problem p = problem(() -> parse("[{},{},{},{}]"));
        assertThat(p.status()).isEqualTo(413);
        assertThat(p.detail()).contains("at most 3");
    }

    @Test
    void nesting_deeper_than_the_bound_is_refused() {
        String deep =
                "{\"a\":".repeat(EventBatchParser.MAX_DEPTH + 5) + "1" + "}".repeat(EventBatchParser.MAX_DEPTH + 5);
        assertThat(problem(() -> parse(deep)).detail()).contains("deeper than " + EventBatchParser.MAX_DEPTH);
    }

    @Test
    void the_depth_bound_counts_from_the_event_in_a_batch_too() {
        int max = EventBatchParser.MAX_DEPTH;
        String ok = "{\"a\":".repeat(max - 1) + "[]" + "}".repeat(max - 1);
        assertThat(parse(ok)).hasSize(1);
        assertThat(parse("[{}," + ok + "]")).hasSize(2);
        String deep = "{\"a\":".repeat(max) + "[]" + "}".repeat(max);
        assertThat(detail(deep)).startsWith("the event at /" + "a/".repeat(max - 1) + "a: nests deeper than " + max);
        assertThat(detail("[{}," + deep + "]"))
                .startsWith("event [1] at /a/")
                .contains("nests deeper than " + max + " levels");
    }

    private String detail(String body) {
        return problem(() -> parse(body)).detail();
    }

    private String detailOfBytes(byte[] body) {
        return problem(() -> parser.parse(body)).detail();
    }

    @Test
    void numbers_postgresql_numeric_holds_pass() {
        for (String n : List.of(
                "0",
                "-0",
                "1E+2",
                "0.0e5",
                "1e131071",
                "9.99e131071",
                "-1e131071",
                "0.1e131072",
                "0.0001e131075",
                "1e-16383",
                "123.456e-16380",
                "0e1073741823",
                "0e200000",
                "0.00000e131072",
                "1" + "0".repeat(131_071),
                "0." + "1".repeat(16_383),
                "1e0000000001",
                "1" + "2".repeat(999),
                "1" + "2".repeat(1000))) {
            assertThat(parse("{\"x\":" + n + "}")).as(n).hasSize(1);
        }
    }

    @Test
    void numbers_beyond_numeric_are_refused_naming_the_field() {
        assertThat(detail("[{\"ok\":1},{\"a\":{\"b\":[0,1,1e200000]}}]"))
                .isEqualTo("event [1] at /a/b/2: the number 1e200000 is beyond PostgreSQL's numeric:"
                        + " it has 200001 digits before the decimal point (numeric holds at most 131072)");
        assertThat(detail("{\"x\":1e131072}")).contains("131073 digits before the decimal point");
        assertThat(detail("{\"x\":10e131071}")).contains("131073 digits before the decimal point");
        assertThat(detail("{\"x\":0.0001e131076}")).contains("131073 digits before");
        assertThat(detail("{\"x\":" + "1".repeat(131_073) + "}"))
                .isEqualTo(
                        "the event at /x: the number 11111111111111111111… (131073 characters) is beyond PostgreSQL's numeric:"
                                + " it has 131073 digits before the decimal point (numeric holds at most 131072)");
        assertThat(detail("{\"x\":1e-16384}"))
                .isEqualTo("the event at /x: the number 1e-16384 is beyond PostgreSQL's numeric:"
                        + " it has 16384 digits after the decimal point (numeric holds at most 16383)");
        assertThat(detail("{\"x\":1.0e-16383}")).contains("16384 digits after");
        assertThat(detail("{\"x\":0e-200000}")).contains("200000 digits after");
        assertThat(detail("{\"x\":0." + "0".repeat(16_384) + "}")).contains("16384 digits after");
        assertThat(detail("{\"x\":0e1073741824}"))
                .isEqualTo("the event at /x: the number 0e1073741824 is beyond"
                        + " PostgreSQL's numeric: its exponent is beyond ±1073741823");
        assertThat(detail("{\"x\":1e-99999999999999999999}")).contains("exponent is beyond");
    }

    @Test
    void long_numbers_strings_and_names_are_not_mistaken_for_deep_nesting() {
        // Jackson's default limits (1000-digit numbers, 50000-char names) used to surface as "nests deeper"
        assertThat(parse("{\"x\":" + "7".repeat(5000) + "}")).hasSize(1);
        assertThat(parse("{\"" + "k".repeat(60_000) + "\":\"" + "v".repeat(30_000_000 / 10) + "\"}"))
                .hasSize(1);
        assertThat(detail("{\"a\":1 x}")).startsWith("malformed JSON");
    }

    @Test
    void bytes_that_are_not_strict_utf8_are_refused_with_the_byte_and_field() {
        // {"ok":"é","s":"<ED A0 80>"}: an encoded surrogate (CESU-8), which Jackson decodes without complaint
        byte[] body = concat("{\"ok\":\"é\",\"s\":\"", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}");
        assertThat(detailOfBytes(body))
                .isEqualTo("the body is not valid UTF-8 at byte 16 (0xED 0xA0 0x80)"
                        + " in the event at /s, which PostgreSQL refuses");
        // the overlong form of '/', which Jackson decodes as '/' (so the name reads "~1" as a pointer)
        assertThat(detailOfBytes(concat("[{},{\"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\":1}]")))
                .isEqualTo(
                        "the body is not valid UTF-8 at byte 6 (0xC0 0xAF) in event [1] at /~1, which PostgreSQL refuses");
        for (byte[] bad : List.of(
                new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                new byte[] {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0x80},
                new byte[] {(byte) 0xC3},
                new byte[] {(byte) 0xE2, (byte) 0x82},
                new byte[] {(byte) 0xED, (byte) 0xBF, (byte) 0xBF})) {
            assertThat(detailOfBytes(concat("{\"v\":\"", bad, "\"}")))
                    .as(java.util.Arrays.toString(bad))
                    .startsWith("the body is not valid UTF-8 at byte 6 (0x")
                    .endsWith(", which PostgreSQL refuses");
        }
        assertThat(detailOfBytes(concat("{\"v\":1}", new byte[] {(byte) 0xFF}, "")))
                .startsWith("the body is not valid UTF-8 at byte 7");
    }

    @Test
    void every_unicode_plane_and_noncharacters_pass() {
        StringBuilder s = new StringBuilder("{\"v\":\"");
        for (int plane = 0; plane <= 16; plane++) {
            s.appendCodePoint(plane * 0x10000 + 0x100).appendCodePoint(plane * 0x10000 + 0xFFFD);
        }
        s.appendCodePoint(0x10FFFF)
                .append('\uFFFE')
                .append('\uFFFF')
                .append('\u007F')
                .append('\u0080')
                .append("\\uffff\"}");
        assertThat(parse(s.toString())).hasSize(1);
    }

    @Test
    void a_bom_before_the_body_is_skipped_and_not_part_of_the_event() {
        assertThat(parser.parse(concat("", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "{\"a\":1}")))
                .singleElement()
                .satisfies(
                        e -> assertThat(new String(e, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}"));
    }

    @Test
    void duplicate_and_empty_keys_pass_as_sent() {
        assertThat(parse("{\"a\":1,\"a\":2,\"\":3}")).containsExactly("{\"a\":1,\"a\":2,\"\":3}");
    }

    @Test
    void paths_escape_slashes_tildes_and_control_characters() {
        assertThat(detail("{\"a/b\":{\"~\\n\":1e-20000}}")).startsWith("the event at /a~1b/~0\\u000a: the number");
        assertThat(detail("{\"" + "k".repeat(100) + "\":1e-20000}"))
                .startsWith("the event at /" + "k".repeat(40) + "…: the number");
    }

    @Test
    void large_bodies_are_bounded_by_jsonb_size_but_one_big_string_passes() {
        int elements = 17_000_000; // PostgreSQL 17 fails beyond 16,777,216
        StringBuilder many = new StringBuilder(2 * elements + 16).append("{\"a\":[");
        for (int i = 0; i < elements; i++) {
            many.append(i == 0 ? "0" : ",0");
        }
        String body = many.append("]}").toString();
        assertThat(body.length()).isGreaterThan(EventBatchParser.LARGE_BODY_BYTES);
        assertThat(detail("[" + body + "]"))
                .isEqualTo("event [0]: could take more than 268435455 bytes as jsonb,"
                        + " beyond what PostgreSQL stores in one value");
        assertThat(parse("{\"s\":\"" + "x".repeat(EventBatchParser.LARGE_BODY_BYTES) + "\"}"))
                .hasSize(1);
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[h.length + middle.length + t.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(middle, 0, out, h.length, middle.length);
        System.arraycopy(t, 0, out, h.length + middle.length, t.length);
        return out;
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
