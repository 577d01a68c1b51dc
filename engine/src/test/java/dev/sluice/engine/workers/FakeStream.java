package dev.sluice.engine.workers;

import dev.sluice.engine.stream.EventIds;
import dev.sluice.engine.stream.FinishedEntry;
import dev.sluice.engine.stream.GroupConsumer;
import dev.sluice.engine.stream.StoreUnavailableException;
import dev.sluice.engine.stream.StreamEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A stream and its consumer group in memory, with the rules the workers rely on: an entry read
 * by one member is pending with it until acknowledged; a member can re-read its own pending
 * entries and take over others' once they have been idle long enough. It also checks the one rule
 * the workers must keep: an entry is acknowledged only once the sink has it ({@link #violations}).
 *
 * <p>Concurrency: one monitor guards everything; members are called from worker threads, the
 * inspection methods from the test thread.
 */
final class FakeStream {
    private record Pending(StreamEntry entry, String owner, long deliveredAtNanos) {}

    private final EventIds eventIds = new EventIds();
    private final Predicate<String> finished;
    private final Deque<StreamEntry> undelivered = new ArrayDeque<>();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Integer> acks = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Member> open = new HashMap<>();
    private final List<Member> members = new ArrayList<>();
    private long seq;
    private int failReads;
    private int failAcks;

    /** @param finished whether the sink holds an entry (stored or dead-lettered), by stream id */
    FakeStream(Predicate<String> finished) {
        this.finished = finished;
    }

    /** Adds an event as the API would; returns its stream id. */
    synchronized String add(String json) {
        StreamEntry e = newEntry(json, false);
        undelivered.add(e);
        notifyAll();
        return e.id();
    }

    /** An entry delivered to {@code owner} long ago and never acknowledged, as a crashed worker leaves it. */
    synchronized String addPending(String json, String owner) {
        StreamEntry e = newEntry(json, false);
        pending.put(
                e.id(),
                new Pending(e, owner, System.nanoTime() - Duration.ofDays(1).toNanos()));
        return e.id();
    }

    /** The next {@code n} reads fail as if Redis were away. */
    synchronized void failNextReads(int n) {
        failReads = n;
    }

    /** The next {@code n} acknowledgements fail as if Redis did not confirm them. */
    synchronized void failNextAcks(int n) {
        failAcks = n;
    }

    /** Opens a group member; refuses a name that a live (unclosed) member already has. */
    synchronized Member member(String name) {
        if (open.containsKey(name)) {
            violations.add("two live consumers named " + name);
        }
        Member m = new Member(name);
        open.put(name, m);
        members.add(m);
        return m;
    }

    synchronized List<Member> members() {
        return List.copyOf(members);
    }

    /** How often each stream id was acknowledged. */
    synchronized Map<String, Integer> acks() {
        return Map.copyOf(acks);
    }

    synchronized List<String> pendingWith(String owner) {
        return pending.values().stream()
                .filter(p -> p.owner.equals(owner))
                .map(p -> p.entry.id())
                .toList();
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    synchronized int undeliveredCount() {
        return undelivered.size();
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    private StreamEntry newEntry(String json, boolean redelivered) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        return new StreamEntry(
                ++seq + "-0", eventIds.next(), json.getBytes(StandardCharsets.UTF_8), micros, redelivered);
    }

    private static StreamEntry redelivered(StreamEntry e) {
        return new StreamEntry(e.id(), e.eventId(), e.event(), e.receivedAtMicros(), true);
    }

    /** One consumer of the group. */
    final class Member implements GroupConsumer {
        private final String name;
        private int reads;
        private boolean closed;

        private Member(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<StreamEntry> readNew(int count, Duration block) {
            synchronized (FakeStream.this) {
                reads++;
                failIfAsked();
                long deadline = System.nanoTime() + block.toNanos();
                for (long left = block.toNanos();
                        undelivered.isEmpty() && left > 0;
                        left = deadline - System.nanoTime()) {
                    try {
                        FakeStream.this.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return List.of();
                    }
                }
                List<StreamEntry> got = new ArrayList<>();
                while (got.size() < count && !undelivered.isEmpty()) {
                    StreamEntry e = undelivered.poll();
                    pending.put(e.id(), new Pending(e, name, System.nanoTime()));
                    got.add(e);
                }
                return got;
            }
        }

        @Override
        public List<StreamEntry> readOwnPending(int count) {
            synchronized (FakeStream.this) {
                failIfAsked();
                return pending.values().stream()
                        .filter(p -> p.owner.equals(name))
                        .limit(count)
                        .map(p -> redelivered(p.entry))
                        .toList();
            }
        }

        @Override
        public List<StreamEntry> reclaim(Duration minIdle, int count) {
            synchronized (FakeStream.this) {
                failIfAsked();
                long now = System.nanoTime();
                List<StreamEntry> taken = new ArrayList<>();
                for (Map.Entry<String, Pending> p : pending.entrySet()) {
                    if (taken.size() < count && now - p.getValue().deliveredAtNanos >= minIdle.toNanos()) {
                        p.setValue(new Pending(p.getValue().entry, name, now));
                        taken.add(redelivered(p.getValue().entry));
                    }
                }
                return taken;
            }
        }

        @Override
        public void ackAndDelete(List<FinishedEntry> entries, Duration timeout) {
            synchronized (FakeStream.this) {
                if (failAcks > 0) {
                    failAcks--;
                    throw new StoreUnavailableException(
                            "acknowledging " + entries.size() + " entries failed: timed out", null);
                }
                for (FinishedEntry entry : entries) {
                    String id = entry.id();
                    pending.remove(id);
                    if (!finished.test(id)) {
                        violations.add("acknowledged " + id + " before the sink had it");
                    }
                    acks.merge(id, 1, Integer::sum);
                }
            }
        }

        @Override
        public void close() {
            synchronized (FakeStream.this) {
                closed = true;
                open.remove(name, this);
            }
        }

        /** Calls to {@link #readNew} so far: the worker has come back for more this many times. */
        int reads() {
            synchronized (FakeStream.this) {
                return reads;
            }
        }

        boolean closed() {
            synchronized (FakeStream.this) {
                return closed;
            }
        }

        private void failIfAsked() {
            if (failReads > 0) {
                failReads--;
                throw new StoreUnavailableException("Redis is away", null);
            }
        }
    }
}
