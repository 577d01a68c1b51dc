package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.ShardStats;
import dev.sluice.engine.testing.EngineNode;
import dev.sluice.engine.testing.EngineRun;
import dev.sluice.engine.testing.LoopbackRedisCluster;
import dev.sluice.engine.testing.SeqEvents;
import dev.sluice.engine.testing.SeqPosting;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.TestStores;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --stream-shards}: events spread over several stream keys, each its own hash tag, drained by
 * workers spread over the keys; on one Redis and on a Redis Cluster of three masters started on
 * loopback, with one master restarted mid-run. Every event answered 202 lands exactly once.
 */
class ShardedStreamIT {
    private final List<EngineNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(n -> n.process().destroyForcibly());
    }

    @Test
    void four_shards_on_one_redis_then_two_still_drain_what_the_other_two_hold() throws Exception {
        Stores shared = TestStores.freshDatabase("shards_one_redis");
        // a database of its own on the shared Redis: the default stream key without other tests' entries
        Stores stores = TestStores.withRedisUrl(shared, shared.redis().uri() + "/9", "external");
        try (StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            redis.sync().flushdb();
            Files.deleteIfExists(EngineNode.dataDir("shards-one").resolve("node-id"));
            EngineNode four = start(stores, "shards-one", "--stream-shards", "4", "--workers", "3")
                    .awaitReady();
            SeqPosting run = new SeqPosting(List.of(four), 20_000);
            run.await(Duration.ofMinutes(2));
            assertThat(run.refusals)
                    .as("answers other than 202 (status and body -> count)")
                    .isEmpty();
            Await.until(() -> "drained: " + four.snapshot().stream(), Duration.ofSeconds(60), () -> drained(four));

            MetricsSnapshot s = four.snapshot();
            assertThat(s.stream().shards())
                    .extracting(ShardStats::key)
                    .containsExactly("logs_stream{0}", "logs_stream{1}", "logs_stream{2}", "logs_stream{3}");
            // 3 workers over 4 keys: worker 1 reads {0} and {3}, 2 reads {1}, 3 reads {2}
            assertThat(s.stream().shards()).extracting(ShardStats::workers).containsExactly(1, 1, 1, 1);
            assertThat(rowsByShard(stores))
                    .as("rows by the stream key they came through (logs.stream_id's prefix)")
                    .containsOnlyKeys("{0}", "{1}", "{2}", "{3}")
                    .allSatisfy((shard, rows) ->
                            assertThat(rows).as("rows of " + shard).isPositive());

            // paused, so the next events stay in all four keys; then the engine comes back with two
            four.process().destroy();
            four.process().waitFor();
            EngineNode paused = start(stores, "shards-one", "--stream-shards", "4", "--paused")
                    .awaitReady();
            SeqPosting held = new SeqPosting(List.of(paused), 4_000, 20_000);
            held.await(Duration.ofMinutes(1));
            assertThat(held.refusals).as("answers other than 202").isEmpty();
            for (int shard = 0; shard < 4; shard++) {
                assertThat(redis.sync().xlen("logs_stream{" + shard + "}"))
                        .as("entries held in logs_stream{%d}", shard)
                        .isPositive();
            }
            paused.process().destroy();
            paused.process().waitFor();
            EngineNode two = start(stores, "shards-one", "--stream-shards", "2").awaitReady();
            Await.until(() -> "drained: " + two.snapshot().stream(), Duration.ofSeconds(60), () -> drained(two));
            assertThat(two.snapshot().stream().shards())
                    .as("the two keys written before still drained")
                    .extracting(ShardStats::key)
                    .containsExactly("logs_stream{0}", "logs_stream{1}", "logs_stream{2}", "logs_stream{3}");
            run.accepted.addAll(held.accepted);
            SeqEvents.assertLandedOnce(stores.postgres(), run.accepted, run.unanswered, "ShardedStreamIT");
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs")).isEqualTo(24_000);
        }
    }

    @Test
    void redis_cluster_of_three_masters_lands_100_000_events_once_across_a_master_restart() throws Exception {
        Stores shared = TestStores.freshDatabase("shards_cluster");
        try (LoopbackRedisCluster cluster =
                LoopbackRedisCluster.start(Path.of("target", "redis-cluster").toAbsolutePath())) {
            // a cluster node given as a plain redis:// URL would answer MOVED to most keys: refused at start
            EngineNode plain = start(
                    TestStores.withRedisUrl(shared, "redis://127.0.0.1:" + cluster.port(0), "external"),
                    "shards-plain");
            EngineRun.Exit refused = plain.awaitExit();
            assertThat(refused.code())
                    .as("exit code; stderr: %s", refused.stderr())
                    .isEqualTo(2);
            assertThat(refused.stderr())
                    .contains("sluice engine: Redis at redis://127.0.0.1:" + cluster.port(0)
                            + " is a Redis Cluster node; give the cluster as redis-cluster://host:port[,host:port...]");

            Stores stores = TestStores.withRedisUrl(shared, cluster.url(), "external");
            Files.deleteIfExists(EngineNode.dataDir("shards-cluster").resolve("node-id"));
            EngineNode node =
                    start(stores, "shards-cluster", "--stream-shards", "6").awaitReady();

            SeqPosting run = new SeqPosting(List.of(node), 100_000);
            Await.until(
                    () -> "a fifth of the events accepted (" + run.accepted.size() + ")",
                    Duration.ofMinutes(2),
                    () -> run.accepted.size() >= 20_000);
            // master 1 holds logs_stream{1}, {2} and {5}: half the shards go away for a few seconds
            cluster.stop(1);
            Thread.sleep(3_000);
            cluster.restart(1);
            run.await(Duration.ofMinutes(4));
            assertThat(run.unanswered).as("every request answered").isEmpty();
            assertThat(run.refusals.keySet())
                    .as("answers other than 202 (status and body -> count): %s", run.refusals)
                    .allMatch(answer -> answer.startsWith("503 "));
            Await.until(() -> "drained: " + node.snapshot().stream(), Duration.ofSeconds(90), () -> drained(node));

            System.out.printf("ShardedStreamIT: answers other than 202 during the master restart: %s%n", run.refusals);
            SeqEvents.assertLandedOnce(
                    stores.postgres(), run.accepted, run.uncertain, "ShardedStreamIT (Redis Cluster)");
            MetricsSnapshot s = node.snapshot();
            assertThat(s.stream().shards()).extracting(ShardStats::key).hasSize(6);
            assertThat(rowsByShard(stores).keySet())
                    .containsExactlyInAnyOrder("{0}", "{1}", "{2}", "{3}", "{4}", "{5}");
        }
    }

    private EngineNode start(Stores stores, String name, String... extra) {
        EngineNode node = EngineNode.start(stores, name, extra);
        nodes.add(node);
        return node;
    }

    private static boolean drained(EngineNode node) {
        MetricsSnapshot.StreamStats s = node.snapshot().stream();
        return s.backlog() == 0 && s.pending() == 0;
    }

    /** Rows of {@code logs} by the stream key prefix of their {@code stream_id} ({@code {3}1732...-0#5}). */
    private static Map<String, Long> rowsByShard(Stores stores) {
        return Db.query(
                        stores.postgres(),
                        "SELECT coalesce(substring(stream_id from '^\\{[0-9]+\\}'), '') AS shard, count(*) FROM logs GROUP BY 1",
                        rs -> Map.entry(rs.getString(1), rs.getLong(2)))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
