package dev.sluice.engine.http;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * Who may read and who may write, in one place. The read routes ({@link #READ_ROUTES}) need the
 * control token when the engine listens off loopback; the routes that store ({@code POST /write},
 * {@code POST /message}, {@code POST /items}) need the ingest token when one is set. A missing or wrong token gets 401 problem+json with
 * {@code WWW-Authenticate: Bearer} before the handler runs, so nothing changes.
 * {@code /health}, {@code /ready} and {@code /metrics} stay open (probes and Prometheus scrapers
 * carry no token; they reveal counts, never events). A new read route is protected by adding its
 * path here.
 *
 * <p>Concurrency: immutable; the checks run on request threads.
 */
final class AccessRules {
    /**
     * Routes that return stored data. {@code GET /queue/{channel}} consumes, but it reads too: it
     * takes the read token, as every route that hands out what clients stored.
     */
    static final List<String> READ_ROUTES = List.of("/messages", "/queue/*", "/items", "/items/*", "/channels");
    /** Routes that store data: the ingest token, when one is set. */
    static final List<String> WRITE_ROUTES = List.of("/write", "/message");

    private final BearerToken readToken;
    private final BearerToken ingestToken;

    /** @param readToken token for the read routes, or null (open); @param ingestToken token for POST /write, or null */
    AccessRules(String readToken, String ingestToken) {
        this.readToken = BearerToken.orNull(readToken, "sluice-read");
        this.ingestToken = BearerToken.orNull(ingestToken, "sluice-ingest");
    }

    void register(Javalin app) {
        if (readToken != null) {
            for (String path : READ_ROUTES) {
                app.before(path, ctx -> {
                    if (ctx.method() != HandlerType.POST) { // POST /items is a write: the ingest token's
                        readToken.require(
                                ctx,
                                "reading stored data off loopback needs 'Authorization: Bearer <control token>'",
                                "the token is wrong");
                    }
                });
            }
        }
        if (ingestToken != null) {
            for (String path : WRITE_ROUTES) {
                app.before(
                        path,
                        ctx -> ingestToken.require(
                                ctx,
                                "POST " + path + " needs 'Authorization: Bearer <ingest token>'",
                                "the token is wrong"));
            }
            // POST /items stores, GET /items reads: one path, the token by method
            app.before("/items", ctx -> {
                if (ctx.method() == HandlerType.POST) {
                    ingestToken.require(
                            ctx, "POST /items needs 'Authorization: Bearer <ingest token>'", "the token is wrong");
                }
            });
        }
    }
}
