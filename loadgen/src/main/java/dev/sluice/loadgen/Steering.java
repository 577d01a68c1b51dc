package dev.sluice.loadgen;

import dev.sluice.loadgen.api.LoadModel;
import dev.sluice.loadgen.api.LoadPlan;
import java.time.Duration;

/**
 * The load offered right now (users or rate) and who decides it: the stage plan, until a live
 * change takes over for the rest of the run.
 *
 * <p>Concurrency: {@link #follow} runs on {@code loadgen-control}, {@link #takeOver} on API
 * callers' threads. Both are synchronized so a stage step can never land after, and undo, a live
 * change it raced with; the values are volatile for lock-free reads by the ticker.
 */
final class Steering {
    private final LoadPlan plan;
    private final WorkerGroup workers;
    private boolean byStages = true;
    private volatile double rate;
    private volatile int users;

    Steering(LoadPlan plan, WorkerGroup workers) {
        this.plan = plan;
        this.workers = workers;
        double load = plan.initialLoad();
        rate = plan.model() == LoadModel.OPEN ? load : 0;
        users = plan.model() == LoadModel.CLOSED ? (int) Math.round(load) : 0;
    }

    /** Sets the stage plan's load for {@code elapsed}, unless a live change took over. */
    synchronized void follow(Duration elapsed) {
        if (byStages && !plan.stages().isEmpty()) {
            apply(plan.loadAt(elapsed));
        }
    }

    /** A live change: from now on the stages no longer steer. */
    synchronized void takeOver(double load) {
        byStages = false;
        apply(load);
    }

    private void apply(double load) {
        if (plan.model() == LoadModel.OPEN) {
            if (load != rate) {
                rate = load;
                workers.setRate(load);
            }
        } else {
            int n = (int) Math.round(load);
            if (n != users) {
                users = n;
                workers.setUsers(n);
            }
        }
    }

    double rate() {
        return rate;
    }

    int users() {
        return users;
    }
}
