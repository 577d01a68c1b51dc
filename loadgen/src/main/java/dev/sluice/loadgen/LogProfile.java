package dev.sluice.loadgen;

import dev.sluice.loadgen.api.Profile;
import dev.sluice.loadgen.api.Request;
import dev.sluice.loadgen.api.RequestSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The built-in profiles: log events to {@code POST /write}, singly or in batches, with an optional
 * share of {@code GET /messages?n=20} reads.
 *
 * @param batchMin    fewest events per write; with {@code batchMax == 1} a write is one bare object
 * @param batchMax    most events per write; batches are JSON arrays of uniform size in [min, max]
 * @param readPercent share of requests that are reads, 0..100
 */
record LogProfile(
        String name,
        String description,
        int defaultUsers,
        Duration thinkMin,
        Duration thinkMax,
        int batchMin,
        int batchMax,
        int readPercent)
        implements Profile {

    static final String READ_PATH = "/messages?n=20";

    @Override
    public RequestSource newSource(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        LogEvents events = new LogEvents(rng);
        StringBuilder sb = new StringBuilder(batchMax * 400);
        return () -> {
            if (readPercent > 0 && rng.nextInt(100) < readPercent) {
                return new Request("GET", READ_PATH, null, 0);
            }
            int n = batchMin == batchMax ? batchMin : rng.nextInt(batchMin, batchMax + 1);
            sb.setLength(0);
            if (batchMax == 1) {
                events.append(sb);
            } else {
                sb.append('[');
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    events.append(sb);
                }
                sb.append(']');
            }
            // every character LogEvents writes is ASCII, so Latin-1 is the cheap exact encoding
            return new Request("POST", "/write", sb.toString().getBytes(StandardCharsets.ISO_8859_1), n);
        };
    }
}
