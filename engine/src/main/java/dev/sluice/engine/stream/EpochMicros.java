package dev.sluice.engine.stream;

import java.time.Instant;

/** Wall-clock time in microseconds since the epoch: how {@code received_at} is carried in the stream and measured against. */
public final class EpochMicros {
    private EpochMicros() {}

    public static long now() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
