package dev.sluice.loadgen;

import dev.sluice.loadgen.api.LoadModel;
import dev.sluice.loadgen.api.Profile;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every worker of one run shares: where to send, what to send, where to count.
 *
 * @param remaining requests still allowed by the plan's request limit ({@link Long#MAX_VALUE} for none);
 *                  the only cross-thread write on the send path, one CAS per request
 */
record RunContext(
        Target target,
        Profile profile,
        LoadModel model,
        long seed,
        long requestTimeoutNanos,
        int connectTimeoutMillis,
        Measurements measurements,
        AtomicLong remaining) {

    /** Takes one request from the limit; false once it is used up. */
    boolean claim() {
        return remaining.get() == Long.MAX_VALUE || remaining.getAndDecrement() > 0;
    }

    boolean limitReached() {
        return remaining.get() <= 0;
    }
}
