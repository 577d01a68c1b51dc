package dev.sluice.loadgen.api;

/**
 * The stream of requests of one virtual user (closed model) or one I/O thread (open model).
 * Confined to one thread, so it needs no synchronisation; deterministic for a given seed.
 */
@FunctionalInterface
public interface RequestSource {
    /** The next request; never null. Called on a {@code loadgen-io-N} thread, must not block. */
    Request next();
}
