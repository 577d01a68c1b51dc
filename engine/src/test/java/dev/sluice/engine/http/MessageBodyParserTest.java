package dev.sluice.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.queue.NewMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageBodyParserTest {
    private final MessageBodyParser parser = new MessageBodyParser();

    private NewMessage parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private String refusal(String body) {
        try {
            parse(body);
        } catch (Problem p) {
            assertThat(p.status()).isEqualTo(400);
            return p.getMessage();
        }
        throw new AssertionError("expected a 400 for " + body);
    }

    private static String refusal(Runnable r) {
        try {
            r.run();
        } catch (Problem p) {
            assertThat(p.status()).isEqualTo(400);
            return p.getMessage();
        }
        throw new AssertionError("expected a 400");
    }

    @Test
    void keeps_the_message_bytes_and_ignores_unknown_fields() {
        NewMessage m = parse("{\"x\": [1], \"message\": {\"a\": \"é\", \"b\": [1, {}]}, \"channel\": \"jobs.v2\"}");
        assertThat(m.channel()).isEqualTo("jobs.v2");
        assertThat(m.messageJson()).isEqualTo("{\"a\": \"é\", \"b\": [1, {}]}");
    }

    @Test
    void every_refusal_names_the_field_and_what_it_was() {
        assertThat(refusal("[]")).contains("body must be a JSON object").contains("was an array");
        assertThat(refusal("")).contains("was empty");
        assertThat(refusal("{\"channel\": 1, \"message\": {}}")).contains("'channel' must be a string, was a number");
        assertThat(refusal("{\"channel\": \"a\", \"message\": null}"))
                .contains("'message' must be a JSON object, was null");
        assertThat(refusal("{\"message\": {}}")).contains("'channel' is missing");
        assertThat(refusal("{\"channel\": \"a\"}")).contains("'message' is missing");
        assertThat(refusal("{\"channel\": \"a/b\", \"message\": {}}"))
                .contains("'channel' must be 1 to 64")
                .contains("'a/b'");
        assertThat(refusal("{\"channel\": \"" + "c".repeat(65) + "\", \"message\": {}}"))
                .contains("'channel'");
        assertThat(refusal("{\"channel\": \"a\", \"message\": {}} {}")).contains("unexpected content");
        assertThat(refusal("{\"channel\": \"a\", \"message\": {\"k\": \"\\u0000\"}}"))
                .contains("the message");
        assertThat(refusal("{\"channel\": \"a\", \"message\": {")).contains("malformed JSON");
    }

    @Test
    void a_channel_is_one_to_sixty_four_of_the_allowed_characters() {
        assertThat(MessageBodyParser.requireChannel("A-z_0.9")).isEqualTo("A-z_0.9");
        assertThat(MessageBodyParser.requireChannel("c".repeat(64))).hasSize(64);
        for (String bad : new String[] {"", "a b", "é", "a\nb", "c".repeat(65)}) {
            try {
                MessageBodyParser.requireChannel(bad);
                throw new AssertionError("accepted '" + bad + "'");
            } catch (Problem p) {
                assertThat(p.getMessage()).doesNotContain("\n");
            }
        }
    }

    @Test
    void query_numbers_fall_back_cap_and_refuse_below_the_minimum() {
        assertThat(QueryParams.atLeast("limit", null, 25, 0, 300)).isEqualTo(25);
        assertThat(QueryParams.atLeast("limit", "", 25, 0, 300)).isEqualTo(25);
        assertThat(QueryParams.atLeast("limit", "7", 25, 0, 300)).isEqualTo(7);
        assertThat(QueryParams.atLeast("limit", "1000", 25, 0, 300)).isEqualTo(300);
        assertThat(QueryParams.atLeast("limit", "99999999999999999999", 25, 0, 300))
                .isEqualTo(300);
        assertThat(refusal(() -> QueryParams.atLeast("limit", "-1", 25, 0, 300)))
                .isEqualTo("limit must be a whole number from 0, was -1");
        assertThat(refusal(() -> QueryParams.atLeast("offset", "1e3", 0, 0, 9)))
                .isEqualTo("offset must be a whole number from 0, was '1e3'");
    }
}
