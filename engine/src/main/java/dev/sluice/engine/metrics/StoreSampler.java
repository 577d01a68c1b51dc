package dev.sluice.engine.metrics;

/** Reads the stores' side of a snapshot. Must return within a fraction of a tick, even when a store is down. */
@FunctionalInterface
public interface StoreSampler {
    StoreSample sample();
}
