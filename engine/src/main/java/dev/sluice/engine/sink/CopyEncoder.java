package dev.sluice.engine.sink;

import dev.sluice.engine.stream.StreamEntry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes entries as PostgreSQL's binary COPY format for columns {@code (event jsonb, received_at
 * timestamptz, stream_id text, event_id uuid)}. Binary, because it needs no escaping of the JSON: the event bytes
 * are copied as they are. The buffer is reused between flushes.
 *
 * <p>Concurrency: not thread-safe; one per worker.
 */
public final class CopyEncoder {
    private static final byte[] HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };
    private static final byte JSONB_VERSION = 1;
    /** PostgreSQL timestamps count microseconds from 2000-01-01T00:00Z. */
    private static final long PG_EPOCH_OFFSET_MICROS = 946_684_800_000_000L;

    private byte[] buf = new byte[64 * 1024];
    private int len;

    /** Encodes the whole COPY stream for {@code entries}; the result is valid until the next call. */
    CopyEncoder encode(List<StreamEntry> entries) {
        len = 0;
        put(HEADER, 0, HEADER.length);
        for (StreamEntry e : entries) {
            byte[] id = e.key().getBytes(StandardCharsets.US_ASCII);
            ensure(2 + 4 + 1 + e.event().length + 4 + 8 + 4 + id.length + 4 + 16);
            putShort(4);
            putInt(e.event().length + 1);
            buf[len++] = JSONB_VERSION;
            put(e.event(), 0, e.event().length);
            putInt(8);
            putLong(e.receivedAtMicros() - PG_EPOCH_OFFSET_MICROS);
            putInt(id.length);
            put(id, 0, id.length);
            // uuid's binary form is its 16 bytes, big-endian: exactly how the id travels in the stream
            putInt(16);
            put(e.eventId(), 0, 16);
        }
        ensure(2);
        putShort(-1);
        return this;
    }

    byte[] bytes() {
        return buf;
    }

    int length() {
        return len;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    private void put(byte[] src, int off, int n) {
        ensure(n);
        System.arraycopy(src, off, buf, len, n);
        len += n;
    }

    private void putShort(int v) {
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void putInt(int v) {
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }
}
