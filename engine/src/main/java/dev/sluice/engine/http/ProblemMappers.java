package dev.sluice.engine.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app-wide exception mappers: every route's errors, ingest and control alike, become
 * {@code application/problem+json}. Installed once by whoever builds the server, before any routes.
 *
 * <p>Concurrency: the mappers run on request threads.
 */
public final class ProblemMappers {
    private static final Logger log = LoggerFactory.getLogger(ProblemMappers.class);

    private ProblemMappers() {}

    /**
     * Installs the mappers on {@code app}.
     *
     * @param writeFailed called for an unexpected failure (500) of {@code POST /write} only; a
     *                    control route's 500 is not a failed write
     */
    public static void install(Javalin app, Runnable writeFailed) {
        app.exception(Problem.class, (e, ctx) -> Problems.write(ctx, e));
        app.exception(
                HttpResponseException.class,
                (e, ctx) -> Problems.write(
                        ctx, new Problem(e.getStatus(), Problems.reason(e.getStatus()), e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("http - unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            if (isWrite(ctx)) {
                writeFailed.run();
            }
            Problems.write(
                    ctx,
                    new Problem(500, "Internal Server Error", "unexpected failure; the engine log has the details"));
        });
    }

    private static boolean isWrite(Context ctx) {
        return ctx.method() == HandlerType.POST && ctx.path().equals("/write");
    }
}
