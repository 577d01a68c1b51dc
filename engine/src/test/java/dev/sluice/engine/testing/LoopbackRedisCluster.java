package dev.sluice.engine.testing;

import dev.sluice.testing.Await;
import dev.sluice.testing.TestDirs;
import dev.sluice.testing.TestPorts;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A Redis Cluster of three masters on 127.0.0.1, as {@code redis-cli --cluster create} would make
 * one without replicas: the {@code redis-server} binary embedded-redis ships, each run as a plain
 * process with {@code cluster-enabled yes}, AOF with {@code appendfsync always} and a
 * {@code maxmemory} under {@code noeviction}; the test assigns the 16,384 slots in three ranges
 * ({@code CLUSTER ADDSLOTS}), joins the nodes ({@code CLUSTER MEET}) and waits for every node to
 * say {@code cluster_state:ok}. {@code cluster-require-full-coverage no}: while one master is
 * away the others go on serving their slots, as production clusters are often set.
 *
 * <p>Not thread-safe; one test starts one and closes it.
 */
public final class LoopbackRedisCluster implements AutoCloseable {
    private static final int SLOTS = 16_384;

    private final Path dir;
    private final Path binary;
    private final int[] ports;
    private final Process[] processes;

    private LoopbackRedisCluster(Path dir, Path binary, int[] ports) {
        this.dir = dir;
        this.binary = binary;
        this.ports = ports;
        this.processes = new Process[ports.length];
    }

    /** Three masters, data under {@code dir} (emptied first). Blocks until the cluster is ok. */
    public static LoopbackRedisCluster start(Path dir) throws IOException {
        TestDirs.deleteTree(dir);
        Path binary = RedisServerProcess.binary(dir.resolve("bin"));
        int[] ports = IntStream.range(0, 3).map(i -> TestPorts.free()).toArray();
        LoopbackRedisCluster cluster = new LoopbackRedisCluster(dir, binary, ports);
        try {
            for (int i = 0; i < ports.length; i++) {
                cluster.startNode(i);
            }
            cluster.form();
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}. */
    public String url() {
        return "redis-cluster://"
                + IntStream.of(ports).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    public int port(int node) {
        return ports[node];
    }

    /** Stops master {@code node} as an operator does (SIGTERM: Redis syncs its AOF and exits) and waits for it to be gone. */
    public void stop(int node) throws InterruptedException {
        Process p = processes[node];
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("redis-server on port " + ports[node] + " did not stop within 30 s");
        }
    }

    /** Starts master {@code node} again on its data directory (its nodes.conf and AOF); waits for cluster_state:ok. */
    public void restart(int node) throws IOException {
        startNode(node);
        awaitOk();
    }

    private void startNode(int i) throws IOException {
        Path nodeDir = Files.createDirectories(dir.resolve("node-" + i));
        List<String> conf = List.of(
                "bind 127.0.0.1",
                "port " + ports[i],
                "dir " + RedisServerProcess.quote(nodeDir),
                "cluster-enabled yes",
                "cluster-config-file nodes.conf",
                "cluster-node-timeout 5000",
                "cluster-require-full-coverage no",
                "appendonly yes",
                "appendfsync always",
                "maxmemory 256mb",
                "maxmemory-policy noeviction",
                "save \"\"");
        processes[i] = RedisServerProcess.start(binary, nodeDir, conf);
    }

    private void form() {
        int per = SLOTS / ports.length;
        for (int i = 0; i < ports.length; i++) {
            int from = i * per;
            int to = i == ports.length - 1 ? SLOTS : from + per;
            onNode(i, r -> r.clusterAddSlots(IntStream.range(from, to).toArray()));
            if (i > 0) {
                onNode(i, r -> r.clusterMeet("127.0.0.1", ports[0]));
            }
        }
        awaitOk();
    }

    private void awaitOk() {
        Await.until(
                () -> "cluster_state:ok and 3 known nodes on every node: " + states(),
                Duration.ofSeconds(60),
                () -> IntStream.range(0, ports.length).allMatch(i -> {
                    String info = onNode(i, RedisCommands::clusterInfo);
                    return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + ports.length);
                }));
    }

    private String states() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ports.length; i++) {
            try {
                String info = onNode(i, RedisCommands::clusterInfo);
                out.add(ports[i] + ": "
                        + info.lines()
                                .filter(l -> l.startsWith("cluster_state") || l.startsWith("cluster_known_nodes"))
                                .collect(Collectors.joining(" ")));
            } catch (RuntimeException e) {
                out.add(ports[i] + ": " + e.getMessage());
            }
        }
        return String.join("; ", out);
    }

    private <T> T onNode(int i, java.util.function.Function<RedisCommands<String, String>, T> call) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", ports[i]));
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return call.apply(c.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** SIGTERM to every master still running. */
    @Override
    public void close() {
        for (Process p : processes) {
            if (p != null && p.isAlive()) {
                p.destroy();
                try {
                    if (!p.waitFor(30, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    p.destroyForcibly();
                }
            }
        }
    }
}
