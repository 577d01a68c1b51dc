package dev.sluice.engine.concurrent;

import java.util.concurrent.ThreadFactory;

/**
 * The engine's threads: daemons (a forgotten one never keeps the JVM alive; {@code stop} ends
 * them in order) named by role, so a thread dump reads like the data path.
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** A factory for a single-thread executor: every thread it makes is a daemon called {@code name}. */
    public static ThreadFactory named(String name) {
        return task -> create(name, task);
    }

    /** Starts {@code task} on a new daemon thread called {@code name} and returns the thread. */
    public static Thread start(String name, Runnable task) {
        Thread t = create(name, task);
        t.start();
        return t;
    }

    private static Thread create(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }
}
