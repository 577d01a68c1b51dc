package dev.sluice.engine.stream;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;

/**
 * A request's {@code Idempotency-Key} and what identifies its body.
 *
 * @param value      the key as the client sent it (quotes of a structured-field string removed), 1..255
 *                   printable ASCII characters
 * @param bodySha256 SHA-256 of the request body bytes; a retry must send the same bytes
 */
public record IdempotencyKey(String value, byte[] bodySha256) {
    public IdempotencyKey {
        if (value == null || value.isEmpty() || bodySha256 == null || bodySha256.length != 32) {
            throw new IllegalArgumentException("an idempotency key needs a value and a 32-byte body hash");
        }
    }

    /** The record stored under the key: the body hash, then the answer given to the first request. */
    public byte[] record(String answer) {
        byte[] a = answer.getBytes(UTF_8);
        byte[] r = Arrays.copyOf(bodySha256, 32 + a.length);
        System.arraycopy(a, 0, r, 32, a.length);
        return r;
    }

    /**
     * What an earlier request under this key was answered, read back from its {@link #record}.
     *
     * @param bodySha256 the hash of the body the key was first used with
     * @param answer     the 202 body the first request got
     */
    public record Stored(byte[] bodySha256, String answer) {
        public static Stored parse(byte[] record) {
            if (record == null || record.length < 32) {
                throw new IllegalArgumentException("an idempotency record is at least 32 bytes");
            }
            return new Stored(Arrays.copyOf(record, 32), new String(record, 32, record.length - 32, UTF_8));
        }

        /** True when {@code key} carries the same body as the request that stored this. */
        public boolean sameBody(IdempotencyKey key) {
            return Arrays.equals(bodySha256, key.bodySha256());
        }
    }
}
