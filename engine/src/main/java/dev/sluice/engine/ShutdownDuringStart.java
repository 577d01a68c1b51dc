package dev.sluice.engine;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM's shutdown hook while a {@link LocalStack} starts. Without it a signal then (Ctrl-C,
 * or a container runtime's SIGTERM while the stores boot or the JIT warms up) halts the JVM under
 * the starting thread, and the embedded PostgreSQL and Redis, which run in their own session so
 * that a terminal's Ctrl-C reaches only the engine, keep running. The hook ends the engine's
 * start, waits while the starting thread closes what it started, and closes the whole stack if
 * the start had already succeeded.
 *
 * <p>Concurrency: the starting thread calls {@link #watch}, {@link #check}, {@link #started} and
 * {@link #ended}; the JVM's hook thread runs {@link #run}. Each side writes its volatile before it
 * reads the other's, so at least one of them sees the other.
 */
final class ShutdownDuringStart implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ShutdownDuringStart.class);
    /** The longest the hook waits for the starting thread (an embedded PostgreSQL may still be booting). */
    private static final Duration START_UNWIND = Duration.ofSeconds(90);

    private final Duration drain;
    private final Thread hook = new Thread(this, "shutdown-during-start");
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean shuttingDown;
    private volatile Engine engine;
    private volatile LocalStack stack;

    private ShutdownDuringStart(Duration drain) {
        this.drain = drain;
    }

    /** Registers the hook; the caller must call {@link #ended} when its start returns or throws. */
    static ShutdownDuringStart install(Duration drain) {
        ShutdownDuringStart s = new ShutdownDuringStart(drain);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** Throws once the JVM has begun to shut down: the start goes no further. */
    void check() {
        if (shuttingDown) {
            throw new EngineStartException(DefaultEngine.STOPPED_WHILE_STARTING);
        }
    }

    /** The engine about to start: the hook stops it (ending its start) from now on. */
    void watch(Engine starting) {
        engine = starting;
        check();
    }

    /** The start succeeded: a hook that runs now closes the stack. */
    void started(LocalStack running) {
        stack = running;
    }

    /** The start returned or threw; the hook is removed (while the JVM shuts down it stays, and runs). */
    void ended() {
        ended.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs and sees the start ended
        }
    }

    @Override
    public void run() {
        shuttingDown = true;
        log.info("engine - shutting down while starting: ending the start");
        Engine e = engine;
        if (e != null) {
            e.stop(drain); // while it starts, this ends the start and waits for it
        }
        try {
            if (!ended.await(START_UNWIND.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("engine - the start did not end within {} s of the shutdown", START_UNWIND.toSeconds());
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        LocalStack s = stack;
        if (s != null) {
            s.close(drain);
        }
    }
}
