package dev.sluice.engine.http;

import dev.sluice.api.control.ControlJson;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** Renders RFC 9457 problem details; the one place an error becomes an HTTP answer. */
final class Problems {
    private Problems() {}

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
        if (instance.equals("/write")) {
            // RFC 9457 extension member: whether a client that got no 202 may find its events stored
            return ControlJson.problem(
                    p.status(), p.title(), p.detail(), instance, "stored", p.mayBeStored() ? "unknown" : "none");
        }
        return ControlJson.problem(p.status(), p.title(), p.detail(), instance);
    }
}
