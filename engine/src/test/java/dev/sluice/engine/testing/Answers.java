package dev.sluice.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;

/** What tests check in an HTTP answer: a problem+json refusal, or a JSON body as a tree. */
public final class Answers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {}

    /** {@code r} is a problem+json answer with {@code status} whose body mentions {@code mentions}. */
    public static void assertProblem(HttpResponse<String> r, int status, String mentions) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.body()).contains(mentions);
    }

    public static JsonNode tree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(body, e);
        }
    }
}
