package dev.sluice.loadgen.api;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Offers HTTP load to one target and measures it. The one seam the CLI, the engine and the consoles
 * drive it through; get one from {@code LoadGenerators.create}.
 *
 * <p>Single-use, like an engine: {@link #start} once, then {@link #stop} (or let the plan's duration
 * run out), then {@link #result}. To run again, create another. All methods are thread-safe.
 */
public interface LoadGenerator extends AutoCloseable {

    /**
     * Opens the connections and starts offering load. Blocks until the connections are up or the
     * connect timeout passed; returns once load is flowing. The run then ends by itself after the
     * plan's duration (or request limit).
     *
     * @throws LoadGeneratorException when no connection to the target can be opened, or the plan's
     *                                profile is unknown; the generator is then {@link LoadState#FAILED}
     * @throws IllegalStateException  when called a second time
     */
    void start(LoadPlan plan);

    /**
     * Stops offering load: no new requests; waits for the ones in flight, at most the request
     * timeout. Idempotent; returns at once before {@link #start} or after the run ended. A
     * {@link TargetProbe}'s recovery wait goes on in the background; {@link #result()} waits for it.
     */
    void stop();

    /** The current state; a volatile read. */
    LoadState state();

    /**
     * Changes the arrival rate of a running open-model run, in requests per second, from now on.
     * Takes over from the stage plan: stages stop steering the rate for the rest of the run.
     *
     * @throws IllegalArgumentException unless {@code 0 <= ratePerSec <= LoadPlan.MAX_RATE}
     * @throws IllegalStateException    in a closed-model run, or when not running
     */
    void setTargetRate(double ratePerSec);

    /**
     * Changes the number of virtual users of a running closed-model run. New users start after a
     * random part of the profile's longest think time (so they do not all fire at once); removed
     * users finish their request in flight. Takes over from the stage plan like {@link #setTargetRate}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= users <= LoadPlan.MAX_USERS}
     * @throws IllegalStateException    in an open-model run, or when not running
     */
    void setUsers(int users);

    /** The rate asked for right now (0 in a closed run). */
    double targetRate();

    /** The users asked for right now (0 in an open run). */
    int users();

    /** The latest tick, empty before the first one. A volatile read. */
    Optional<LoadTick> lastTick();

    /**
     * Calls {@code listener} with every tick, on the {@code loadgen-ticker} thread, in order. A
     * listener that throws is logged at WARN and keeps its subscription. Keep it quick: the next
     * tick waits for it.
     *
     * @return closing it unsubscribes (idempotent)
     */
    AutoCloseable subscribe(Consumer<LoadTick> listener);

    /**
     * Waits until the run has finished (after stop and recovery) and returns its report.
     *
     * @throws LoadGeneratorException when the run failed, or the waiting thread was interrupted
     *                                (the interrupt flag is then set again)
     */
    LoadReport result();

    /** Waits at most {@code timeout} for the run to finish; true when it has. */
    boolean awaitFinished(Duration timeout);

    /**
     * {@link #stop()}, then cuts a recovery wait short and releases threads and connections.
     * Idempotent; bounded by the request timeout plus a few seconds.
     */
    @Override
    void close();
}
