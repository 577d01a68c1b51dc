package dev.sluice.engine.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A bearer token a route requires ({@code Authorization: Bearer <token>}). Compared in constant
 * time; a missing or wrong one is a 401 {@link Problem} with {@code WWW-Authenticate: Bearer}.
 *
 * <p>Concurrency: immutable; {@link #require} runs on request threads.
 */
public final class BearerToken {
    private final byte[] token;
    private final String realm;

    private BearerToken(String token, String realm) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.realm = realm;
    }

    /** The token to require, or null when {@code token} is null (the route is open). */
    public static BearerToken orNull(String token, String realm) {
        return token == null ? null : new BearerToken(token, realm);
    }

    /** Throws 401 unless the request carries the token; {@code missing} and {@code wrong} are the details. */
    public void require(Context ctx, String missing, String wrong) {
        String header = ctx.header("Authorization");
        byte[] given = header != null && header.startsWith("Bearer ")
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        if (!MessageDigest.isEqual(given, token)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
            throw new Problem(401, "Unauthorized", header == null ? missing : wrong);
        }
    }
}
