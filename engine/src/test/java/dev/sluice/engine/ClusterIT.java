package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.NodeStats;
import dev.sluice.engine.testing.EngineNode;
import dev.sluice.engine.testing.EngineRun;
import dev.sluice.engine.testing.SeqEvents;
import dev.sluice.engine.testing.SeqPosting;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestStores;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several engine processes on one Redis and one PostgreSQL, as ops run them behind a load
 * balancer: each has its own identity (kept in its data directory), every event answered 202
 * lands once whichever node took it, a node killed with SIGKILL has its pending entries taken by
 * the others and its consumers removed from the group, and a node restarted keeps its identity.
 */
class ClusterIT {
    /** Main has no flag for the stream key: every node uses the default one. */
    private static final String STREAM = "logs_stream";

    private static final String GROUP = "log_consumers";

    private final List<EngineNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(n -> n.process().destroyForcibly());
    }

    @Test
    void two_nodes_land_100_000_events_spread_over_them_exactly_once() throws Exception {
        Stores stores = TestStores.freshDatabase("cluster_two");
        try (StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            fresh(redis, "two-a", "two-b");
            EngineNode a = start(stores, "two-a");
            EngineNode b = start(stores, "two-b");
            a.awaitReady();
            b.awaitReady();
            awaitNodes(a, 2);
            awaitNodes(b, 2);
            String idA = a.snapshot().cluster().node();
            String idB = b.snapshot().cluster().node();
            assertThat(idA).as("identities differ").isNotEqualTo(idB);
            assertThat(idA).isEqualTo(keptId("two-a"));

            SeqPosting run = new SeqPosting(List.of(a, b), 100_000);
            run.await(Duration.ofMinutes(3));
            assertThat(run.refusals)
                    .as("answers other than 202 (status and body -> count)")
                    .isEmpty();
            assertThat(run.accepted).hasSize(100_000);
            awaitDrained(redis);

            assertLandedOnce(stores.postgres(), run);
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs")).isEqualTo(100_000);
            // both nodes' workers drained the one stream, and each node's snapshot shows both
            Await.until("both nodes show rows committed", Duration.ofSeconds(10), () -> {
                Map<String, Double> seen = new TreeMap<>();
                for (EngineNode n : List.of(a, b)) {
                    MetricsSnapshot s = n.snapshot();
                    seen.put(s.cluster().node(), (double) s.totals().rowsCommitted());
                }
                return seen.values().stream().allMatch(rows -> rows > 0);
            });
            MetricsSnapshot s = a.snapshot();
            assertThat(s.cluster().nodes()).extracting(NodeStats::id).containsExactlyInAnyOrder(idA, idB);
            assertThat(s.cluster().nodes())
                    .filteredOn(NodeStats::self)
                    .extracting(NodeStats::id)
                    .containsExactly(idA);
            assertThat(consumerOwners(redis)).containsExactlyInAnyOrder(idA, idB);
        }
    }

    @Test
    void kill_9_of_one_of_three_nodes_under_load_loses_nothing_and_a_restart_keeps_its_identity() throws Exception {
        Stores stores = TestStores.freshDatabase("cluster_three");
        try (StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            fresh(redis, "three-a", "three-b", "three-c");
            EngineNode a = start(stores, "three-a");
            EngineNode b = start(stores, "three-b");
            // c holds what it reads for up to 10 s before a flush: at the kill it holds entries
            EngineNode c = start(stores, "three-c", "--batch-size", "10000", "--flush-interval", "10s");
            for (EngineNode n : List.of(a, b, c)) {
                n.awaitReady();
            }
            awaitNodes(a, 3);
            String idC = c.snapshot().cluster().node();

            SeqPosting run = new SeqPosting(List.of(a, b, c), 60_000);
            Await.until(
                    () -> "node " + idC + " holds pending entries (" + pendingOf(redis, idC) + ")",
                    Duration.ofSeconds(60),
                    () -> pendingOf(redis, idC) > 0);
            assertThat(c.kill9()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
            run.await(Duration.ofMinutes(3));
            assertThat(run.refusals)
                    .as("answers other than 202 (status and body -> count)")
                    .isEmpty();
            assertThat(run.taken.get()).as("the kill came mid-run").isGreaterThan(0);

            // the survivors take over what c held (after --reclaim-idle 2s) and finish it
            awaitDrained(redis);
            assertLandedOnce(stores.postgres(), run);
            Await.until(
                    () -> "the dead node's consumers removed from the group; left: " + consumerOwners(redis),
                    Duration.ofSeconds(60),
                    () -> !consumerOwners(redis).contains(idC));
            Await.until(
                    "the survivors show two nodes",
                    Duration.ofSeconds(15),
                    () -> a.snapshot().cluster().nodes().size() == 2
                            && b.snapshot().cluster().nodes().size() == 2);

            EngineNode again = start(stores, "three-c").awaitReady();
            assertThat(again.snapshot().cluster().node())
                    .as("a node restarted on its data directory keeps its identity")
                    .isEqualTo(idC);
            awaitNodes(a, 3);
            HttpResponse<String> r = Http.post(again.api(), "/write", "{\"seq\":-1,\"msg\":\"after the restart\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            Await.until(
                    "the restarted node's event landed",
                    Duration.ofSeconds(30),
                    () -> Db.count(stores.postgres(), "SELECT count(*) FROM logs WHERE event->>'seq' = '-1'") == 1);
        }
    }

    @Test
    void a_second_node_with_the_same_id_is_refused_while_the_first_runs() throws Exception {
        Stores stores = TestStores.freshDatabase("cluster_same_id");
        try (StatefulRedisConnection<String, String> redis = TestEngines.redis(stores)) {
            fresh(redis, "same-a", "same-b");
            EngineNode first = start(stores, "same-a", "--node-id", "twin").awaitReady();
            EngineNode second = start(stores, "same-b", "--node-id", "twin");
            EngineRun.Exit refused = second.awaitExit();
            assertThat(refused.code())
                    .as("the second node gives up: %s", refused.stderr())
                    .isEqualTo(2);
            assertThat(refused.stderr())
                    .contains("sluice engine: node id twin is in use by a running engine at " + first.api()
                            + " (its last heartbeat " + heartbeatAge(refused.stderr()) + " ms ago);"
                            + " give each node its own --node-id or --data-dir")
                    .as("no stack trace")
                    .noneMatch(line -> line.startsWith("\tat "));
            assertThat(first.snapshot().cluster().node()).isEqualTo("twin");
        }
    }

    /** The heartbeat age the refusal line gives (it varies from run to run). */
    private static String heartbeatAge(List<String> stderr) {
        return stderr.stream()
                .filter(l -> l.startsWith("sluice engine: node id"))
                .map(l -> l.replaceFirst(".*its last heartbeat (\\d+) ms ago.*", "$1"))
                .findFirst()
                .orElse("?");
    }

    private EngineNode start(Stores stores, String name, String... extra) {
        EngineNode node = EngineNode.start(stores, name, extra);
        nodes.add(node);
        return node;
    }

    /** An empty stream and registry, and data directories without a kept id (a fresh install). */
    private static void fresh(StatefulRedisConnection<String, String> redis, String... names) throws Exception {
        redis.sync().del(STREAM, STREAM + ":items", "{" + STREAM + "}:nodes", "{" + STREAM + "}:nodes:seen");
        for (String name : names) {
            Files.deleteIfExists(EngineNode.dataDir(name).resolve("node-id"));
        }
    }

    private static String keptId(String name) throws Exception {
        return Files.readString(EngineNode.dataDir(name).resolve("node-id")).strip();
    }

    private static void awaitNodes(EngineNode node, int count) {
        Await.until(
                () -> "node " + node.api() + " sees " + count + " nodes alive; it sees "
                        + node.snapshot().cluster().nodes().stream()
                                .map(NodeStats::id)
                                .toList(),
                Duration.ofSeconds(30),
                () -> node.snapshot().cluster().nodes().size() == count);
    }

    private static void awaitDrained(StatefulRedisConnection<String, String> redis) {
        Await.until(
                () -> "stream drained: xlen " + redis.sync().xlen(STREAM) + ", pending "
                        + redis.sync().xpending(STREAM, GROUP).getCount(),
                Duration.ofSeconds(90),
                () -> redis.sync().xlen(STREAM) == 0
                        && redis.sync().xpending(STREAM, GROUP).getCount() == 0);
    }

    private static void assertLandedOnce(PostgresEndpoint pg, SeqPosting run) {
        SeqEvents.assertLandedOnce(pg, run.accepted, run.unanswered, "ClusterIT");
    }

    /** Pending entries of the consumers of node {@code id}. */
    private static long pendingOf(StatefulRedisConnection<String, String> redis, String id) {
        return redis.sync().xpending(STREAM, GROUP).getConsumerMessageCount().entrySet().stream()
                .filter(e -> e.getKey().startsWith(id + "-w"))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** The nodes that own consumers in the log stream's group. */
    private static Set<String> consumerOwners(StatefulRedisConnection<String, String> redis) {
        return redis.sync().xinfoConsumers(STREAM, GROUP).stream()
                .map(c -> (List<?>) c)
                .map(fields -> String.valueOf(fields.get(fields.indexOf("name") + 1)))
                .map(name -> name.replaceFirst("-w\\d+$", ""))
                .collect(Collectors.toSet());
    }
}
