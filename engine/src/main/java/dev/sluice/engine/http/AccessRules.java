package dev.sluice.engine.http;

import io.javalin.Javalin;
import java.util.List;

/**
 * Who may read and who may write, in one place. The read routes ({@link #READ_ROUTES}) need the
 * control token when the engine listens off loopback; {@code POST /write} needs the ingest token
 * when one is set. A missing or wrong token gets 401 problem+json with
 * {@code WWW-Authenticate: Bearer} before the handler runs, so nothing changes.
 * {@code /health}, {@code /ready} and {@code /metrics} stay open (probes and Prometheus scrapers
 * carry no token; they reveal counts, never events). A new read route is protected by adding its
 * path here.
 *
 * <p>Concurrency: immutable; the checks run on request threads.
 */
final class AccessRules {
    /** Routes that return stored events. The queue and items reads go here when they exist. */
    static final List<String> READ_ROUTES = List.of("/messages", "/queue/*", "/items/*");

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
                app.before(
                        path,
                        ctx -> readToken.require(
                                ctx,
                                "reading stored events off loopback needs 'Authorization: Bearer <control token>'",
                                "the token is wrong"));
            }
        }
        if (ingestToken != null) {
            app.before(
                    "/write",
                    ctx -> ingestToken.require(
                            ctx, "POST /write needs 'Authorization: Bearer <ingest token>'", "the token is wrong"));
        }
    }
}
