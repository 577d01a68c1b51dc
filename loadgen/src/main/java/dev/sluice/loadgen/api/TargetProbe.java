package dev.sluice.loadgen.api;

import java.util.OptionalLong;

/**
 * Optional view into the target: how much it accepted but has not finished (for a Sluice engine,
 * the stream backlog). With a probe, each {@link LoadTick} carries the backlog, and the report gets
 * the maximum backlog and the recovery time (from load stop until the backlog first reads 0).
 * Without one those read "n/a".
 */
@FunctionalInterface
public interface TargetProbe {
    /**
     * The current backlog, or empty when it cannot be read right now (the run goes on).
     * Called on the {@code loadgen-ticker} thread once per tick and every 200 ms while recovering;
     * keep it under ~200 ms. An exception counts as empty and is logged at WARN once.
     */
    OptionalLong backlog();
}
