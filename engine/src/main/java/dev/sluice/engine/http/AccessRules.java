package dev.sluice.engine.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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

    private final byte[] readToken;
    private final byte[] ingestToken;

    /** @param readToken token for the read routes, or null (open); @param ingestToken token for POST /write, or null */
    AccessRules(String readToken, String ingestToken) {
        this.readToken = bytes(readToken);
        this.ingestToken = bytes(ingestToken);
    }

    static AccessRules open() {
        return new AccessRules(null, null);
    }

    void register(Javalin app) {
        if (readToken != null) {
            for (String path : READ_ROUTES) {
                app.before(path, ctx -> require(ctx, readToken, "sluice-read",
                        "reading stored events off loopback needs 'Authorization: Bearer <control token>'"));
            }
        }
        if (ingestToken != null) {
            app.before("/write", ctx -> require(ctx, ingestToken, "sluice-ingest",
                    "POST /write needs 'Authorization: Bearer <ingest token>'"));
        }
    }

    private static void require(Context ctx, byte[] token, String realm, String missing) {
        String header = ctx.header("Authorization");
        byte[] given = header != null && header.startsWith("Bearer ")
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(given, token)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
            throw new Problem(401, "Unauthorized", header == null ? missing : "the token is wrong");
        }
    }

    private static byte[] bytes(String token) {
        return token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }
}
