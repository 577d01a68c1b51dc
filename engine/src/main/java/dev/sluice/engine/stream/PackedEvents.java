package dev.sluice.engine.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * The value of a packed entry's {@code events} field: several events in one stream entry, each as
 * a 4-byte big-endian length followed by its bytes. A batch request goes into the stream as a few
 * packed entries instead of an entry per event: Redis spends about 6 µs of CPU on an entry over its
 * life (XADD, XREADGROUP, acknowledge and delete) whatever its size, which capped batches near
 * 130k events/s on two cores before HTTP and PostgreSQL took their share. Measured in docs/perf.
 *
 * <p>{@link #MAX_EVENTS} bounds what one entry holds, so a worker that expected single-event
 * entries and reads packed ones buffers at most that many times its batch size.
 */
public final class PackedEvents {
    /** Most events in one stream entry. */
    public static final int MAX_EVENTS = 32;

    private PackedEvents() {}

    /** Packs {@code events[from, to)}. */
    public static byte[] pack(List<byte[]> events, int from, int to) {
        int size = 0;
        for (int i = from; i < to; i++) {
            size += 4 + events.get(i).length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (int i = from; i < to; i++) {
            byte[] e = events.get(i);
            out[at] = (byte) (e.length >>> 24);
            out[at + 1] = (byte) (e.length >>> 16);
            out[at + 2] = (byte) (e.length >>> 8);
            out[at + 3] = (byte) e.length;
            System.arraycopy(e, 0, out, at + 4, e.length);
            at += 4 + e.length;
        }
        return out;
    }

    /** The events of a packed value, or null when it is not exactly {@code expected} well-formed events. */
    public static List<byte[]> unpack(byte[] packed, int expected) {
        List<byte[]> events = new ArrayList<>(expected);
        int at = 0;
        while (at < packed.length) {
            if (packed.length - at < 4 || events.size() == expected) {
                return null;
            }
            int n = ((packed[at] & 0xFF) << 24)
                    | ((packed[at + 1] & 0xFF) << 16)
                    | ((packed[at + 2] & 0xFF) << 8)
                    | (packed[at + 3] & 0xFF);
            at += 4;
            if (n < 0 || n > packed.length - at) {
                return null;
            }
            byte[] e = new byte[n];
            System.arraycopy(packed, at, e, 0, n);
            events.add(e);
            at += n;
        }
        return events.size() == expected ? events : null;
    }
}
