package dev.sluice.engine.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One worker's member of the consumer group on every key of a sharded stream, on one connection
 * (on Redis Cluster, Lettuce's cluster connection sends each command to its key's master). It
 * reads new entries from the keys the pool assigned it, in turn, and acknowledges, re-reads and
 * reclaims on every key it may hold entries of. The ids it hands out carry their key's hash tag
 * ({@link StreamConsumer#idPrefix}), which routes each acknowledgement back to its key.
 *
 * <p>A key that fails (its master away) is passed over for {@link #REST}, so one master down
 * does not stall the others' keys; a read fails only when every assigned key does.
 *
 * <p>Reclaim takes one key per call, in turn, each walking its own pending list.
 *
 * <p>Concurrency: owned by one worker thread; {@link #assign} may come from the pool's thread
 * (the lists are swapped whole through a volatile field).
 */
public final class ShardedConsumer implements GroupConsumer {
    static final Duration REST = Duration.ofSeconds(1);

    private final RedisLink<String, byte[]> link;
    private final String group;
    private final String name;
    /** By key, created on first use; all share {@link #link}. */
    private final Map<String, StreamConsumer> members = new HashMap<>();

    private final Map<String, String> keyByPrefix = new HashMap<>();
    private final Map<String, Long> restUntil = new HashMap<>();
    private volatile Assignment assignment;
    private int nextRead;
    private int nextReclaim;

    /** Reads {@code keys} until {@link #assign} says otherwise. */
    public ShardedConsumer(RedisLink<String, byte[]> link, List<String> keys, String group, String name) {
        this.link = link;
        this.group = group;
        this.name = name;
        this.assignment = new Assignment(List.copyOf(keys), List.copyOf(keys));
    }

    private record Assignment(List<String> drained, List<String> read) {}

    @Override
    public void assign(List<String> drained, List<String> read) {
        assignment = new Assignment(List.copyOf(drained), List.copyOf(read));
    }

    @Override
    public String name() {
        return name;
    }

    private StreamConsumer member(String key) {
        return members.computeIfAbsent(key, k -> {
            keyByPrefix.put(StreamConsumer.idPrefix(k), k);
            return new StreamConsumer(link, false, k, group, name);
        });
    }

    @Override
    public List<StreamEntry> readNew(int count, Duration block) {
        List<String> keys = assignment.read();
        if (keys.size() == 1) {
            return member(keys.get(0)).readNew(count, block);
        }
        if (keys.isEmpty()) {
            sleep(block);
            return List.of();
        }
        Duration each = Duration.ofMillis(Math.max(1, block.toMillis() / keys.size()));
        RuntimeException failure = null;
        int tried = 0;
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(Math.floorMod(nextRead + i, keys.size()));
            if (resting(key)) {
                continue;
            }
            tried++;
            try {
                List<StreamEntry> got = member(key).readNew(count, each);
                if (!got.isEmpty()) {
                    nextRead = nextRead + i + 1; // the next read starts at the key after this one
                    return got;
                }
            } catch (RuntimeException e) {
                rest(key);
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null && tried == keys.size()) {
            throw failure;
        }
        if (tried == 0) {
            sleep(each);
        }
        return List.of();
    }

    @Override
    public List<StreamEntry> readOwnPending(int count) {
        // a key that cannot be read now is passed over: what this consumer left there is reclaimed later
        RuntimeException failure = null;
        List<String> keys = assignment.drained();
        for (String key : keys) {
            if (resting(key)) {
                continue;
            }
            try {
                List<StreamEntry> mine = member(key).readOwnPending(count);
                if (!mine.isEmpty()) {
                    return mine;
                }
            } catch (RuntimeException e) {
                rest(key);
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null && keys.size() == 1) {
            throw failure;
        }
        return List.of();
    }

    @Override
    public List<StreamEntry> reclaim(Duration minIdle, int count) {
        List<String> keys = assignment.read();
        if (keys.isEmpty()) {
            return List.of();
        }
        String key = keys.get(Math.floorMod(nextReclaim++, keys.size()));
        return resting(key) ? List.of() : member(key).reclaim(minIdle, count);
    }

    /** Acknowledges each key's entries on that key; tries every key, then throws the first failure. */
    @Override
    public void ackAndDelete(List<FinishedEntry> entries, Duration timeout) {
        Map<String, List<FinishedEntry>> byKey = new LinkedHashMap<>();
        for (FinishedEntry e : entries) {
            byKey.computeIfAbsent(keyOf(e.id()), k -> new ArrayList<>()).add(e);
        }
        RuntimeException failure = null;
        for (Map.Entry<String, List<FinishedEntry>> k : byKey.entrySet()) {
            try {
                member(k.getKey()).ackAndDelete(k.getValue(), timeout);
            } catch (RuntimeException e) {
                rest(k.getKey());
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The key an entry id came from, by its prefix; every id handed out came through {@link #member}. */
    private String keyOf(String id) {
        String prefix = id.startsWith("{") ? id.substring(0, id.indexOf('}') + 1) : "";
        String key = keyByPrefix.get(prefix);
        if (key == null) {
            throw new IllegalStateException("entry " + id + " is from no stream key this consumer read");
        }
        return key;
    }

    private boolean resting(String key) {
        Long until = restUntil.get(key);
        if (until == null) {
            return false;
        }
        if (System.nanoTime() - until >= 0) {
            restUntil.remove(key);
            return false;
        }
        return true;
    }

    private void rest(String key) {
        restUntil.put(key, System.nanoTime() + REST.toNanos());
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        link.close();
    }
}
