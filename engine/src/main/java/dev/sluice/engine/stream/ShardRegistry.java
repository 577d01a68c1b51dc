package dev.sluice.engine.stream;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The stream keys of one stream that any engine ever wrote, kept in Redis as a set beside the
 * base key ({@code {logs_stream}:shards}), so that no event is stranded when the shard count
 * changes: an engine restarted with {@code --stream-shards 2} after 4, or a node of a group started
 * with a different count, still drains {@code logs_stream{2}} and {@code {3}} (reading an empty key
 * costs one short blocking read per worker round). The unsharded key {@code logs_stream} joins the
 * set when it holds a stream, so the backlog of an engine before sharding is drained too. Keys are
 * never removed: an engine cannot know that no other node still writes one.
 *
 * <p>Concurrency: {@link #drained} from any thread; {@link #register} and {@link #refresh} from one
 * thread at a time (start, then the metrics tick).
 */
public final class ShardRegistry {
    private final String base;
    private final List<String> own;
    private volatile List<String> drained;

    /** For the stream {@code base} split into {@code shards} keys by this engine. */
    public ShardRegistry(String base, int shards) {
        this.base = base;
        this.own = StreamKeys.shards(base, shards);
        this.drained = own;
    }

    /** The Redis set of every key of stream {@code base}. */
    public static String registryKey(String base) {
        return StreamKeys.sibling(base, "shards");
    }

    /** The keys this engine writes to. */
    public List<String> own() {
        return own;
    }

    /** The keys this engine drains: its own and every other one registered, in shard order. */
    public List<String> drained() {
        return drained;
    }

    /** Adds this engine's keys (and the unsharded key, if it holds a stream) to the set, and reads it. */
    public List<String> register(RedisClusterCommands<String, String> redis) {
        List<String> add = new ArrayList<>(own);
        if (!own.contains(base) && redis.exists(base) > 0) {
            add.add(base);
        }
        redis.sadd(registryKey(base), add.toArray(String[]::new));
        refresh(redis);
        return drained;
    }

    /** Reads the set again; true when it gained keys since the last read. */
    public boolean refresh(RedisClusterCommands<String, String> redis) {
        Set<String> members = redis.smembers(registryKey(base));
        List<String> all = new ArrayList<>(own);
        for (String k : members) {
            if (!all.contains(k)) {
                all.add(k);
            }
        }
        all.sort(Comparator.comparingLong(this::order));
        List<String> before = drained;
        drained = List.copyOf(all);
        return !drained.equals(before);
    }

    /** The unsharded key first, then by shard number; a key of another shape last. */
    private long order(String key) {
        if (key.equals(base)) {
            return -1;
        }
        String tag = StreamKeys.hashTag(key);
        try {
            return tag == null ? Long.MAX_VALUE : Long.parseLong(tag);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
