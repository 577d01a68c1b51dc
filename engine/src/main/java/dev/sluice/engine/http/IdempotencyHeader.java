package dev.sluice.engine.http;

import dev.sluice.engine.stream.IdempotencyKey;
import io.javalin.http.Context;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;

/**
 * The {@code Idempotency-Key} request header (IETF httpapi idempotency-key-header draft) on
 * {@code POST /write}: reading and checking it, and the answers it leads to. The key is a
 * structured-field string ({@code "abc"}); a bare token ({@code abc}) is taken too, as most clients send one.
 *
 * <p>Concurrency: stateless; called on request threads.
 */
final class IdempotencyHeader {
    static final String NAME = "Idempotency-Key";
    /** Set to {@code true} on a 202 that repeats the answer of an earlier request with the same key. */
    static final String REPLAYED = "Idempotent-Replayed";

    static final int MAX_LENGTH = 255;

    private IdempotencyHeader() {}

    /** The key of this request, or null when it has none. Throws a 400 {@link Problem} for a malformed one. */
    static String read(Context ctx) {
        String raw = ctx.header(NAME);
        if (raw == null) {
            return null;
        }
        if (Collections.list(ctx.req().getHeaders(NAME)).size() > 1) {
            throw Problem.badRequest(NAME + " must be given once");
        }
        String key = raw.trim();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
            if (key.indexOf('"') >= 0 || key.indexOf('\\') >= 0) {
                throw Problem.badRequest(NAME + " must be a plain string: no quotes or backslashes inside");
            }
        }
        if (key.isEmpty()) {
            throw Problem.badRequest(NAME + " must not be empty");
        }
        if (key.length() > MAX_LENGTH) {
            throw Problem.badRequest(NAME + " is " + key.length() + " characters; the limit is " + MAX_LENGTH);
        }
        for (int i = 0; i < key.length(); i++) {
            char ch = key.charAt(i);
            if (ch < 0x20 || ch > 0x7E) {
                throw Problem.badRequest(NAME + " must be printable ASCII; character " + (i + 1) + " is U+"
                        + String.format("%04X", (int) ch));
            }
        }
        return key;
    }

    /** The key with the identity of {@code body}: its SHA-256, so "the same request" means the same bytes. */
    static IdempotencyKey of(String key, byte[] body) {
        try {
            return new IdempotencyKey(key, MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** 422: the key was used with another body within the window. */
    static Problem reusedWithAnotherBody(IdempotencyKey key) {
        return new Problem(
                422,
                "Unprocessable Content",
                NAME + " '" + key.value()
                        + "' was already used with a different request body; use a new key for a new request");
    }
}
