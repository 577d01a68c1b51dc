package dev.sluice.engine.api;

/** Lifecycle of a single-use engine: CREATED → STARTING → RUNNING → STOPPING → STOPPED, or FAILED. */
public enum EngineState {
    CREATED, STARTING, RUNNING, STOPPING, STOPPED, FAILED
}
