package dev.sluice.engine.stream;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the 128-bit id every accepted event carries to PostgreSQL ({@code logs.event_id}, a
 * UNIQUE {@code uuid}), so no retry or re-sent command of the engine can make a second row.
 *
 * <p>Layout (an RFC 9562 version 8 "custom" UUID): the high 64 bits are random, drawn once per
 * engine start; the low 64 bits are a counter. One {@code SecureRandom} draw per start instead of
 * per event keeps the hot path to one atomic increment. Two starts collide only if their 60 random
 * bits do (birthday bound: about one in 10^9 after 50,000 restarts).
 *
 * <p>Concurrency: thread-safe and lock-free; {@link #next} is called from request threads.
 */
public final class EventIds {
    /** The version 8 nibble in the high long. */
    private static final long VERSION_MASK = 0xF000L;

    private static final long VERSION_8 = 0x8000L;
    /** The variant bits (10xx) in the top of the low long. */
    private static final long VARIANT_MASK = 0xC000_0000_0000_0000L;

    private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;

    private final long prefix;
    private final AtomicLong counter = new AtomicLong();

    /** A generator with a fresh random prefix. */
    public EventIds() {
        this(new SecureRandom().nextLong());
    }

    EventIds(long randomPrefix) {
        this.prefix = (randomPrefix & ~VERSION_MASK) | VERSION_8;
    }

    /** A new id, 16 raw bytes, big-endian as PostgreSQL's binary {@code uuid}. */
    public byte[] next() {
        long low = (counter.getAndIncrement() & ~VARIANT_MASK) | VARIANT_RFC;
        return toBytes(prefix, low);
    }

    /**
     * The id of an entry written by an engine from before event ids (no {@code event_id} field): a
     * name-based UUID of the stream entry id, so every redelivery of it maps to the same row.
     */
    public static byte[] forLegacyEntry(String streamEntryId) {
        UUID u = UUID.nameUUIDFromBytes(("sluice-stream-entry:" + streamEntryId).getBytes(StandardCharsets.US_ASCII));
        return toBytes(u.getMostSignificantBits(), u.getLeastSignificantBits());
    }

    /** The 16 bytes as a {@link UUID}, for JDBC parameters and display. */
    public static UUID toUuid(byte[] id) {
        return new UUID(readLong(id, 0), readLong(id, 8));
    }

    private static byte[] toBytes(long high, long low) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (high >>> (56 - 8 * i));
            b[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return b;
    }

    private static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }
}
