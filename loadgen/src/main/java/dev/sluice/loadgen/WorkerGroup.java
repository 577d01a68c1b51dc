package dev.sluice.loadgen;

import dev.sluice.loadgen.api.LoadGeneratorException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O threads of one run and their workers. Splits connections, users and rate evenly
 * (wrk splits connections over threads the same way) and hands every change to each worker's
 * own event loop.
 *
 * <p>Concurrency: methods are called by the generator's control paths (any thread); they touch
 * workers only through {@code loop.execute}, so they never block an I/O thread.
 */
final class WorkerGroup {
    private static final Logger log = LoggerFactory.getLogger(WorkerGroup.class);

    private final EventLoopGroup group;
    private final List<Worker> workers = new ArrayList<>();

    WorkerGroup(int ioThreads, RunContext run) {
        // NIO, not native epoll: measured here at the same CPU per request, without a native library
        group = new NioEventLoopGroup(ioThreads, new NamedThreads("loadgen-io", true));
        for (int i = 0; i < ioThreads; i++) {
            workers.add(new Worker(i, (EventLoop) group.next(), run));
        }
    }

    /**
     * Opens {@code connections} and waits for each to succeed or fail.
     *
     * @return how many connected
     * @throws LoadGeneratorException when none did, with the first failure's reason
     */
    int connect(int connections, Duration timeout, String targetText) {
        List<ChannelFuture> futures = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            Worker w = workers.get(i);
            int share = share(connections, i);
            try {
                futures.addAll(w.loop.submit(() -> w.connect(share)).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LoadGeneratorException("interrupted while connecting to " + targetText, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new LoadGeneratorException("cannot connect to " + targetText + ": " + e, e);
            }
        }
        int ok = 0;
        Throwable firstFailure = null;
        long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        for (ChannelFuture f : futures) {
            f.awaitUninterruptibly(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (f.isSuccess()) {
                ok++;
            } else if (firstFailure == null) {
                firstFailure = f.cause();
            }
        }
        if (ok == 0) {
            String why = firstFailure == null ? "no answer within " + timeout.toMillis() + " ms" : reason(firstFailure);
            throw new LoadGeneratorException("cannot connect to " + targetText + ": " + why);
        }
        return ok;
    }

    private static String reason(Throwable t) {
        String msg = t.getMessage();
        return msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg;
    }

    void begin(double rate, int users) {
        for (int i = 0; i < workers.size(); i++) {
            Worker w = workers.get(i);
            double rateShare = rate / workers.size();
            int userShare = share(users, i);
            w.loop.execute(() -> w.begin(rateShare, userShare));
        }
    }

    void setRate(double rate) {
        for (Worker w : workers) {
            double share = rate / workers.size();
            w.loop.execute(() -> w.setRate(share));
        }
    }

    void setUsers(int users) {
        for (int i = 0; i < workers.size(); i++) {
            Worker w = workers.get(i);
            int share = share(users, i);
            w.loop.execute(() -> w.setUsers(share));
        }
    }

    void stopSending() {
        workers.forEach(w -> w.loop.execute(w::stopSending));
    }

    /** Closes the connections and stops the I/O threads, waiting at most {@code timeout}. */
    void close(Duration timeout) {
        for (Worker w : workers) {
            if (!w.loop.isShuttingDown()) {
                w.loop.execute(w::closeAll);
            }
        }
        group.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!group.terminationFuture().awaitUninterruptibly(timeout.toMillis() + 1000)) {
            log.warn("loadgen - I/O threads did not stop within {} ms", timeout.toMillis() + 1000);
        }
    }

    /** Item {@code i}'s part of {@code total}: even, the first ones take the remainder. */
    private int share(int total, int i) {
        int n = workers.size();
        return total / n + (i < total % n ? 1 : 0);
    }
}
