package dev.sluice.engine.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Renders RFC 9457 problem details; the one place an error becomes an HTTP answer. */
final class Problems {
    private static final JsonFactory JSON = new JsonFactory();

    private Problems() {
    }

    static void write(Context ctx, Problem p) {
        if (p.retryAfterSeconds() != null) {
            ctx.header("Retry-After", String.valueOf(p.retryAfterSeconds()));
        }
        ctx.status(p.status()).contentType(HttpApi.PROBLEM_JSON).result(render(p, ctx.path()));
    }

    static String reason(int status) {
        HttpStatus s = HttpStatus.forStatus(status);
        return s == HttpStatus.UNKNOWN ? "Error" : s.getMessage();
    }

    static String render(Problem p, String instance) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "about:blank");
            g.writeStringField("title", p.title());
            g.writeNumberField("status", p.status());
            g.writeStringField("detail", p.detail());
            g.writeStringField("instance", instance);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
