package dev.sluice.engine.stream;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;

/**
 * One Lettuce connection, to a single Redis or to a Redis Cluster, seen through the commands
 * both have ({@link RedisClusterCommands} is what {@code RedisCommands} and the cluster client's
 * commands share: streams, scripts, keys, INFO). On a cluster every command goes to the master of
 * its key's slot; a script goes by its first key.
 *
 * <p>Concurrency: as Lettuce's connection: thread-safe, except that a connection with auto-flush
 * off belongs to one thread.
 */
public record RedisLink<K, V>(
        StatefulConnection<K, V> connection, RedisClusterCommands<K, V> sync, RedisClusterAsyncCommands<K, V> async)
        implements AutoCloseable {

    /** Sends what was queued while auto-flush is off. */
    public void flushCommands() {
        connection.flushCommands();
    }

    public void setAutoFlushCommands(boolean autoFlush) {
        connection.setAutoFlushCommands(autoFlush);
    }

    /**
     * An INFO section of every master (a cluster's masters in slot order; the one server
     * otherwise), null for one that does not answer.
     */
    public java.util.List<String> infoPerMaster(String section) {
        if (!(connection instanceof StatefulRedisClusterConnection<K, V> cluster)) {
            return java.util.Collections.singletonList(sync.info(section));
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (RedisClusterNode node : cluster.getPartitions()) {
            if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                String info;
                try {
                    info = cluster.getConnection(node.getNodeId()).sync().info(section);
                } catch (RuntimeException e) {
                    info = null;
                }
                out.add(info);
            }
        }
        return out;
    }

    @Override
    public void close() {
        connection.close();
    }
}
