package dev.sluice.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one seam every front end drives an engine through: the desktop and terminal consoles,
 * the headless control API and the tests. Implemented by the in-process engine and by a
 * remote client that talks to a headless engine's control API.
 */
public interface EngineControl {

    /**
     * The latest published snapshot. An engine publishes its first one as it becomes RUNNING;
     * a remote client returns null until it has received one. Never blocks on a store.
     */
    MetricsSnapshot snapshot();

    /** Snapshots of the last minutes (default 10), oldest first. A copy; never blocks on a store. */
    List<MetricsSnapshot> history();

    /**
     * Calls {@code listener} with every new snapshot, on the engine's metrics thread (remote: on
     * the client's reader thread). A listener that throws is logged and kept. Close the returned
     * handle to stop; closing is idempotent.
     */
    AutoCloseable subscribe(Consumer<MetricsSnapshot> listener);

    /** The knobs in force, asked of the engine (remote: one HTTP round trip, not the last snapshot's). */
    Knobs knobs();

    /**
     * Merges {@code change} into the knobs in force, in the engine and atomically, so two clients
     * changing different knobs both take effect; applied live, without restart and without losing
     * or duplicating an accepted event (the workers see it within one tick). Blocks only for the
     * call itself (remote: one HTTP round trip).
     *
     * @return the knobs now in force, this change included
     * @throws IllegalArgumentException if the merged knobs are out of range (nothing changes)
     * @throws EngineException if the engine cannot take knobs now (not running, unreachable)
     */
    Knobs update(KnobsChange change);

    /**
     * The load profiles {@link #startLoad} knows, in the engine's order (e.g. realistic, stress,
     * firehose, read-mix). Remote: one HTTP round trip.
     *
     * @throws EngineException when a remote engine cannot be reached
     */
    List<String> profiles();

    /** False while a remote engine is unreachable; an in-process engine is always connected. */
    default boolean connected() {
        return true;
    }

    /**
     * Starts a load against the engine's own API. If a load with the same profile and model is
     * running, changes its users or rate live instead (the consoles' sliders). Returns at once;
     * the next snapshots show it in {@link MetricsSnapshot#load()}.
     *
     * @throws IllegalArgumentException for an unknown profile or a malformed stage plan
     */
    void startLoad(LoadSpec spec);

    /** Stops the running load, if any. Idempotent. Returns once it has stopped. */
    void stopLoad();

    /**
     * The load generator's report of the last load that finished (stopped, or its duration ran out),
     * empty when none has finished since the engine started. A running load has no report yet.
     *
     * @throws EngineException when a remote engine cannot be reached
     */
    Optional<LoadReportFiles> lastLoadReport();

    /**
     * The experiments {@link #startExperiment} knows by name (the built-in ones), with their steps at
     * the full pace, in the engine's order. Remote: one HTTP round trip.
     *
     * @throws EngineException when a remote engine cannot be reached
     */
    default List<ExperimentDefinition> experiments() {
        return List.of();
    }

    /**
     * Starts an experiment on the engine's own load generator: step after step it sets the step's
     * knobs, runs its load, warms up, measures, stops the load and waits for the backlog to drain.
     * Returns at once; progress and the results table arrive in {@link MetricsSnapshot#experiment()}
     * of every snapshot. Knobs are left as the last step set them. Hand-made knob changes and load
     * changes meanwhile are allowed (and marked), but they change what is measured.
     *
     * @throws IllegalArgumentException for an unknown name or a definition the engine cannot run
     * @throws IllegalStateException if an experiment runs already
     * @throws EngineException if the engine is not running or cannot be reached
     */
    default void startExperiment(ExperimentRequest request) {
        throw new EngineException("this engine runs no experiments");
    }

    /**
     * Stops the running experiment, if any: its load stops, the step under way is dropped, the rows
     * of finished steps stay and the state becomes STOPPED. Idempotent. Returns once it has stopped.
     */
    default void stopExperiment() {}
}
