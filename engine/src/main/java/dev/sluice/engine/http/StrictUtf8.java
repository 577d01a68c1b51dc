package dev.sluice.engine.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the first byte that is not well-formed UTF-8 (Unicode table 3-7), the same rule as
 * PostgreSQL's {@code pg_utf8_islegal}: no overlong forms, no encoded surrogates (CESU-8), nothing
 * above U+10FFFF, no truncated sequences. Jackson decodes some of these without complaint, and
 * PostgreSQL would then refuse the whole batch.
 *
 * <p>Runs of ASCII are skipped eight bytes at a time, so an all-ASCII body costs one pass of
 * 64-bit loads. Stateless; call from any thread.
 */
final class StrictUtf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private StrictUtf8() {}

    /** Returns the offset of the first byte of the first malformed sequence, or -1 if all of {@code b} is UTF-8. */
    static int firstMalformed(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            if (i + 8 <= n && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
                i += 8;
                continue;
            }
            int lead = b[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int len = sequenceLength(b, i);
            if (len < 0) {
                return i;
            }
            i += len;
        }
        return -1;
    }

    /** Length of the well-formed sequence starting at {@code i} (lead byte >= 0x80), or -1. */
    private static int sequenceLength(byte[] b, int i) {
        int lead = b[i] & 0xFF;
        int len;
        int min2 = 0x80;
        int max2 = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            len = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            len = 3;
            if (lead == 0xE0) {
                min2 = 0xA0; // below is an overlong form
            } else if (lead == 0xED) {
                max2 = 0x9F; // above is a UTF-16 surrogate
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            len = 4;
            if (lead == 0xF0) {
                min2 = 0x90;
            } else if (lead == 0xF4) {
                max2 = 0x8F; // above is beyond U+10FFFF
            }
        } else {
            return -1; // a continuation byte, an overlong 0xC0/0xC1 lead, or 0xF5..0xFF
        }
        if (i + len > b.length) {
            return -1;
        }
        int second = b[i + 1] & 0xFF;
        if (second < min2 || second > max2) {
            return -1;
        }
        for (int k = 2; k < len; k++) {
            int c = b[i + k] & 0xFF;
            if (c < 0x80 || c > 0xBF) {
                return -1;
            }
        }
        return len;
    }

    /** The bytes of the malformed sequence at {@code at}, as hex, for an error message ("0xED 0xA0 0x80"). */
    static String bytesAt(byte[] b, int at) {
        StringBuilder s = new StringBuilder();
        int lead = b[at] & 0xFF;
        int want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        for (int k = at; k < Math.min(b.length, at + want); k++) {
            if (k > at && ((b[k] & 0xC0) != 0x80)) {
                break;
            }
            s.append(k == at ? "" : " ").append(String.format("0x%02X", b[k] & 0xFF));
        }
        return s.toString();
    }
}
