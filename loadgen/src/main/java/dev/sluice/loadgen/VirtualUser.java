package dev.sluice.loadgen;

import dev.sluice.loadgen.api.RequestSource;
import java.util.SplittableRandom;

/**
 * One closed-model user: its own request stream and random generator (so a seed replays it), and
 * where it is in its loop. Confined to its worker's event loop.
 */
final class VirtualUser {
    final RequestSource source;
    final SplittableRandom rng;
    /** When the user became ready to send: its requests' intended send time. */
    long readyNanos;
    /** When its last request ended; the start of its think time. */
    long answeredNanos;
    /** Removed by a lower user count or by stop: finishes what is in flight, then leaves. */
    boolean retired;

    VirtualUser(RequestSource source, SplittableRandom rng) {
        this.source = source;
        this.rng = rng;
    }
}
