package dev.sluice.engine.queue;

import dev.sluice.engine.concurrent.DaemonThreads;
import dev.sluice.engine.stream.BackpressureException;
import dev.sluice.engine.stream.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that answers many requests with one PostgreSQL transaction: it takes what has
 * queued up since its last round (at most {@code maxPerRound}), runs {@link Round} on one
 * connection, commits, and completes every request's future with its own answer. Under load a
 * round carries hundreds of requests for one commit's fsync; a lone request waits for nothing.
 *
 * <p>Failures: a round that fails before its commit stored nothing ({@link
 * StoreUnavailableException} with {@code mayBeStored} false, answered 503); a commit that did not
 * answer may have stored it ({@code mayBeStored} true). A full queue refuses at once with {@link
 * BackpressureException} (429), so a stalled database costs memory bounded by {@code capacity}.
 *
 * <p>Concurrency: {@link #submit} from any thread; rounds run on the {@code threads} threads this
 * starts, each taking the next requests when its round is done, so with two a round can run
 * while the other waits for its commit.
 *
 * @param <Q> what a request asks
 * @param <A> what it is answered
 */
final class GroupCommit<Q, A> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** The work of one round: {@code requests} in arrival order, answered in the same order, on {@code c} (auto-commit off). */
    interface Round<Q, A> {
        List<A> run(Connection c, List<Q> requests) throws SQLException;

        /** A round failed (rolled back, or its commit did not answer): whatever it held is free again. */
        default void failed() {}
    }

    private record Pending<Q, A>(Q request, CompletableFuture<A> answer) {}

    private final String name;
    private final DataSource pool;
    private final int maxPerRound;
    private final Round<Q, A> round;
    private final BlockingQueue<Pending<Q, A>> queue;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closing;

    GroupCommit(String name, DataSource pool, int capacity, int maxPerRound, Round<Q, A> round) {
        this(name, 1, pool, capacity, maxPerRound, round);
    }

    GroupCommit(String name, int threads, DataSource pool, int capacity, int maxPerRound, Round<Q, A> round) {
        this.name = name;
        this.pool = pool;
        this.maxPerRound = maxPerRound;
        this.round = round;
        this.queue = new ArrayBlockingQueue<>(capacity);
        for (int i = 1; i <= threads; i++) {
            this.threads.add(DaemonThreads.start(threads == 1 ? name : name + "-" + i, this::loop));
        }
    }

    /** Queues {@code request}; the future fails with {@link BackpressureException} at once when the queue is full. */
    CompletableFuture<A> submit(Q request) {
        CompletableFuture<A> answer = new CompletableFuture<>();
        if (closing) {
            answer.completeExceptionally(new StoreUnavailableException(name + " is stopping", null));
        } else if (!queue.offer(new Pending<>(request, answer))) {
            answer.completeExceptionally(new BackpressureException(
                    name + ": " + queue.size() + " requests already wait for PostgreSQL; retry shortly"));
        }
        return answer;
    }

    private void loop() {
        List<Pending<Q, A>> batch = new ArrayList<>(maxPerRound);
        while (!closing || !queue.isEmpty()) {
            try {
                Pending<Q, A> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxPerRound - 1);
                runRound(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                // a bug in a round must fail its requests, never end the thread and wedge the queue
                log.error("{} - a round failed", name, e);
                round.failed();
                fail(batch, new StoreUnavailableException("internal error: " + e, e, true));
            } finally {
                batch.clear();
            }
        }
        failLeft();
    }

    private void runRound(List<Pending<Q, A>> batch) {
        List<Q> requests = new ArrayList<>(batch.size());
        batch.forEach(p -> requests.add(p.request()));
        List<A> answers;
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                answers = round.run(c, requests);
            } catch (SQLException e) {
                rollbackQuietly(c);
                round.failed();
                fail(batch, new StoreUnavailableException("PostgreSQL refused: " + e.getMessage(), e, false));
                return;
            }
            try {
                c.commit();
            } catch (SQLException e) {
                round.failed();
                fail(
                        batch,
                        new StoreUnavailableException(
                                "PostgreSQL did not confirm the commit: " + e.getMessage(), e, true));
                return;
            }
        } catch (SQLException e) {
            fail(batch, new StoreUnavailableException("PostgreSQL is unavailable: " + e.getMessage(), e, false));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer().complete(answers.get(i));
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; Hikari evicts it on close
        }
    }

    private void fail(List<Pending<Q, A>> batch, RuntimeException error) {
        for (Pending<Q, A> p : batch) {
            p.answer().completeExceptionally(error);
        }
    }

    private void failLeft() {
        List<Pending<Q, A>> left = new ArrayList<>();
        queue.drainTo(left);
        fail(left, new StoreUnavailableException(name + " stopped", null));
    }

    /** Finishes the queued requests (up to {@code drain}), then stops the thread; later submits fail with 503. */
    void close(Duration drain) {
        closing = true;
        long deadline = System.nanoTime() + drain.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                thread.interrupt();
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
