package dev.sluice.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.Http;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Events of {@link SeqEvents} posted in batches of {@value #PER_REQUEST} by {@value #CLIENTS}
 * clients over engine nodes in turn, recording which were answered 202, which got no answer (their
 * node died) and every other answer by status and body.
 */
public final class SeqPosting {
    public static final int PER_REQUEST = 100;
    public static final int CLIENTS = 4;

    public final Set<Integer> accepted = ConcurrentHashMap.newKeySet();
    public final Set<Integer> unanswered = ConcurrentHashMap.newKeySet();
    /** Events of requests answered 503: not accepted, yet perhaps stored (a write in flight when Redis went away). */
    public final Set<Integer> uncertain = ConcurrentHashMap.newKeySet();

    public final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    /** Requests that found their node gone (no answer). */
    public final AtomicInteger taken = new AtomicInteger();

    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final int batches;
    private final int firstSeq;

    public SeqPosting(List<EngineNode> nodes, int events) {
        this(nodes, events, 0);
    }

    /** Events {@code firstSeq} … {@code firstSeq + events - 1}. */
    public SeqPosting(List<EngineNode> nodes, int events, int firstSeq) {
        this.firstSeq = firstSeq;
        this.batches = events / PER_REQUEST;
        Set<EngineNode> dead = ConcurrentHashMap.newKeySet();
        for (int c = 0; c < CLIENTS; c++) {
            Thread t = new Thread(
                    () -> {
                        for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                            post(nodes, dead, b);
                        }
                    },
                    "cluster-poster-" + c);
            t.start();
            threads.add(t);
        }
    }

    /**
     * Posts batch {@code b} to a live node, taking turns. A request with no answer marks its node
     * dead and its events unanswered (whether they landed is unknown), and the client goes on
     * with the next batch on another node.
     */
    private void post(List<EngineNode> nodes, Set<EngineNode> dead, int b) {
        while (b < batches) {
            int from = firstSeq + b * PER_REQUEST;
            EngineNode node = null;
            for (int turn = 0; turn < nodes.size() && node == null; turn++) {
                EngineNode candidate = nodes.get((b + turn) % nodes.size());
                node = dead.contains(candidate) ? null : candidate;
            }
            if (node == null) {
                throw new AssertionError("every node is gone");
            }
            try {
                HttpResponse<String> r = Http.post(node.api(), "/write", SeqEvents.batch(from, PER_REQUEST, "posted"));
                if (r.statusCode() == 202) {
                    for (int i = 0; i < PER_REQUEST; i++) {
                        accepted.add(from + i);
                    }
                } else {
                    if (r.statusCode() == 503) {
                        // "Redis may still have stored the events": their fate is unknown, as with no answer
                        for (int i = 0; i < PER_REQUEST; i++) {
                            uncertain.add(from + i);
                        }
                    }
                    refusals.computeIfAbsent(r.statusCode() + " " + r.body(), k -> new AtomicInteger())
                            .incrementAndGet();
                }
                return;
            } catch (UncheckedIOException e) {
                dead.add(node);
                for (int i = 0; i < PER_REQUEST; i++) {
                    unanswered.add(from + i);
                }
                taken.incrementAndGet();
                b = next.getAndIncrement();
            }
        }
    }

    public void await(Duration atMost) throws InterruptedException {
        for (Thread t : threads) {
            t.join(atMost.toMillis());
        }
        assertThat(threads.stream().noneMatch(Thread::isAlive))
                .as("posters done within " + atMost)
                .isTrue();
    }
}
