package dev.sluice.engine.stream;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/** The stream backlog in events, not entries: a packed entry holds up to {@link PackedEvents#MAX_EVENTS}. */
public final class StreamBacklog {
    private StreamBacklog() {}

    /** Events in the stream {@code key} (pending ones included), in one atomic read. */
    public static RedisFuture<Long> events(RedisClusterAsyncCommands<String, ?> redis, String key) {
        return redis.eval(StreamScripts.BACKLOG_EVENTS, ScriptOutputType.INTEGER, keys(key));
    }

    /** {@link #events(RedisClusterAsyncCommands, String)}, waiting for the answer. */
    public static long events(RedisClusterCommands<String, ?> redis, String key) {
        Long events = redis.eval(StreamScripts.BACKLOG_EVENTS, ScriptOutputType.INTEGER, keys(key));
        return events == null ? 0 : events;
    }

    private static String[] keys(String key) {
        return new String[] {key, StreamFields.extraEventsKey(key)};
    }
}
