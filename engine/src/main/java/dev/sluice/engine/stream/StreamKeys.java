package dev.sluice.engine.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * Names of the Redis keys around a stream. On Redis Cluster a script may only touch keys of one
 * hash slot, and a slot is chosen by the key's hash tag (the text between the first {@code {}
 * and the next {@code }}) when it has one, else by the whole key; so every key a script uses
 * beside a stream carries the stream's tag.
 */
public final class StreamKeys {
    private StreamKeys() {}

    /**
     * The stream keys events go to: {@code base} itself for one shard (the name an unsharded engine
     * always used, so its stream is still drained), else {@code base{0}} … {@code base{n-1}}:
     * each its own hash tag, so Redis Cluster spreads them over its masters.
     */
    public static List<String> shards(String base, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("stream shards must be at least 1, was " + n);
        }
        if (n == 1) {
            return List.of(base);
        }
        List<String> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(base + "{" + i + "}");
        }
        return List.copyOf(keys);
    }

    /**
     * A key beside {@code key} in the same cluster slot: {@code key:suffix} when {@code key} has a
     * hash tag of its own ({@code logs_stream{3}:extra-events}), else {@code {key}:suffix}
     * ({@code {logs_stream}:extra-events}, the name unsharded engines always used).
     */
    public static String sibling(String key, String suffix) {
        return hashTag(key) == null ? "{" + key + "}:" + suffix : key + ":" + suffix;
    }

    /** The hash tag Redis Cluster hashes {@code key} by, or null when it hashes the whole key. */
    static String hashTag(String key) {
        int open = key.indexOf('{');
        if (open < 0) {
            return null;
        }
        int close = key.indexOf('}', open + 1);
        return close > open + 1 ? key.substring(open + 1, close) : null;
    }
}
