package dev.sluice.engine.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.EngineState;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.ClusterStats;
import dev.sluice.api.MetricsSnapshot.NodeStats;
import dev.sluice.engine.EngineStartException;
import dev.sluice.engine.concurrent.DaemonThreads;
import dev.sluice.engine.metrics.ClusterSource;
import dev.sluice.engine.stream.RedisLink;
import dev.sluice.engine.stream.StreamKeys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.models.stream.PendingMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This engine node among the others that drain the same stream: a heartbeat in Redis every
 * tick (what the node is doing, and its own pending entries), the list of nodes alive read back
 * in the same round trip, and the removal of consumers that belonged to nodes gone, once they
 * hold nothing. The entries a gone node held are not moved here: the other nodes' workers take
 * them over after {@code --reclaim-idle} (XAUTOCLAIM), as they do for any silent consumer.
 *
 * <p>The heartbeats live beside the stream, in {@code {<stream>}:nodes} (id → JSON) and
 * {@code {<stream>}:nodes:seen} (one hash tag, so the beat script's two keys share a Redis Cluster slot) (id → Redis server time of the last beat, so the nodes' clocks do
 * not matter). A node is alive while its last beat is younger than three of its ticks plus a
 * second; a beat older than {@link #FORGET_AFTER} is removed by whoever beats next.
 *
 * <p>Concurrency: {@link #join} and {@link #close} on the engine's start and stop thread; the
 * beats and the consumer clean-up on the single {@code cluster-heartbeat} thread; {@link #stats}
 * and {@link #othersHeldExtraEvents} on the metrics thread read one volatile view.
 */
public final class ClusterMembership implements ClusterSource, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterMembership.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final long REDIS_TIMEOUT_MILLIS = 1_000;
    /** A beat this old is dropped from the registry (a node gone for good). */
    static final Duration FORGET_AFTER = Duration.ofMinutes(10);
    /** How often the consumers of gone nodes are looked for, in beats. */
    private static final int CLEAN_UP_EVERY_BEATS = 5;

    /**
     * Writes this node's beat (unless ARGV[2] is empty), drops beats older than ARGV[3] ms, and
     * returns the Redis time in ms followed by (id, last beat ms, payload) for every node left.
     */
    static final String BEAT = """
            redis.replicate_commands()
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            if ARGV[2] ~= '' then
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
              redis.call('ZADD', KEYS[2], now, ARGV[1])
            end
            local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[3]))
            for _, id in ipairs(old) do
              redis.call('HDEL', KEYS[1], id)
              redis.call('ZREM', KEYS[2], id)
            end
            local out = {now}
            local seen = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
            for i = 1, #seen, 2 do
              out[#out + 1] = seen[i]
              out[#out + 1] = seen[i + 1]
              out[#out + 1] = redis.call('HGET', KEYS[1], seen[i]) or ''
            end
            return out""";

    /** Removes this node's beat (ARGV[1]) if it is still the one this process wrote (instance ARGV[2]). */
    static final String LEAVE = """
            local beat = redis.call('HGET', KEYS[1], ARGV[1])
            if beat and string.find(beat, ARGV[2], 1, true) then
              redis.call('HDEL', KEYS[1], ARGV[1])
              redis.call('ZREM', KEYS[2], ARGV[1])
              return 1
            end
            return 0""";

    /**
     * Deletes consumer ARGV[2] of group ARGV[1] on stream KEYS[1] only if it holds no pending entry
     * and has been idle at least ARGV[3] ms: checked and done in one step, so an entry delivered
     * between a check and a delete can never lose its place in the pending list.
     */
    static final String DELETE_IF_IDLE = """
            redis.replicate_commands()
            local ok, consumers = pcall(redis.call, 'XINFO', 'CONSUMERS', KEYS[1], ARGV[1])
            if not ok then return -2 end
            for _, c in ipairs(consumers) do
              local f = {}
              for i = 1, #c, 2 do f[c[i]] = c[i + 1] end
              if f['name'] == ARGV[2] then
                if tonumber(f['pending']) == 0 and tonumber(f['idle']) >= tonumber(ARGV[3]) then
                  redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
                  return 1
                end
                return 0
              end
            end
            return -1""";

    /** What this node reports of itself in each beat, read from its latest snapshot. */
    public record Beat(EngineState state, double requestsPerSec, double eventsPerSec, double rowsPerSec, int workers) {
        /** From a snapshot; a node with no snapshot yet reports itself starting and idle. */
        public static Beat of(MetricsSnapshot s) {
            return s == null
                    ? new Beat(EngineState.STARTING, 0, 0, 0, 0)
                    : new Beat(
                            s.state(),
                            s.api().requestsPerSec(),
                            s.api().eventsPerSec(),
                            s.workers().rowsPerSec(),
                            s.workers().count());
        }
    }

    /** A beat as stored in Redis (JSON). */
    record Payload(
            String id,
            String instance,
            String api,
            long tickMillis,
            EngineState state,
            double requestsPerSec,
            double eventsPerSec,
            double rowsPerSec,
            int workers,
            long pending,
            long heldExtraEvents) {}

    /** The registry as one beat read it: Redis' clock then, each node's payload and the age of its beat. */
    private record View(long readAtNanos, List<Member> members) {
        static final View EMPTY = new View(0, List.of());
    }

    private record Member(Payload payload, long ageMillis) {}

    private final RedisLink<String, String> redis;
    private final String nodeId;
    private final String instance = UUID.randomUUID().toString();
    private final Supplier<List<String>> logKeys;
    private final String group;
    private final List<String> otherStreams;
    private final Duration tick;
    private final Duration reclaimIdle;
    private final LongSupplier heldExtraEvents;
    /** Set by {@link #join}, read by the heartbeat thread it then starts. */
    private volatile String api = "";

    private volatile Supplier<Beat> self = () -> Beat.of(null);
    private final String[] keys;
    private volatile View view = View.EMPTY;
    private ScheduledExecutorService beats;
    private int beatsSinceCleanUp;

    /**
     * @param redis           the engine's control connection
     * @param nodeId          this node's identity (its consumers are {@code <nodeId>-w<N>})
     * @param streamKey       the log stream; the registry lives beside it
     * @param logKeys         the keys of the log stream (one, or a sharded stream's): this node's pending
     *                        entries are counted there, and gone nodes' consumers removed
     * @param group           the consumer group of every stream
     * @param otherStreams    other streams whose group may hold consumers of gone nodes (the items')
     * @param tick            how often to beat (the metrics tick)
     * @param reclaimIdle     a gone node's consumer is removed once it has been idle this long and holds nothing
     * @param heldExtraEvents events beyond one per entry that this node's workers hold (packed entries)
     */
    public ClusterMembership(
            RedisLink<String, String> redis,
            String nodeId,
            String streamKey,
            Supplier<List<String>> logKeys,
            String group,
            List<String> otherStreams,
            Duration tick,
            Duration reclaimIdle,
            LongSupplier heldExtraEvents) {
        this.redis = redis;
        this.nodeId = nodeId;
        this.logKeys = logKeys;
        this.group = group;
        this.otherStreams = List.copyOf(otherStreams);
        this.tick = tick;
        this.reclaimIdle = reclaimIdle;
        this.heldExtraEvents = heldExtraEvents;
        this.keys = new String[] {StreamKeys.sibling(streamKey, "nodes"), StreamKeys.sibling(streamKey, "nodes:seen")};
    }

    /** The node that a consumer name belongs to: {@code <node>-w<N>} and {@code <node>-items-w<N>}. */
    static String ownerOf(String consumer) {
        return consumer.replaceFirst("-(items-)?w\\d+$", "");
    }

    /**
     * Registers this node before its workers read anything. If another process beats under the same
     * id, waits for that beat to lapse (a node restarted after a crash finds its own last beat),
     * and refuses to start if it keeps beating: two nodes with one id would take each other's entries.
     *
     * @param api  where this node's API is reachable, as the others should see it
     * @param self what this node reports of itself each beat
     * @throws EngineStartException when a live node holds this id
     */
    public void join(String api, Supplier<Beat> self) {
        this.api = api;
        this.self = self;
        long deadline = System.nanoTime();
        boolean waited = false;
        while (true) {
            View v = exchange(false);
            Member same = v.members().stream()
                    .filter(m -> m.payload().id().equals(nodeId) && alive(v, m))
                    .findFirst()
                    .orElse(null);
            if (same == null) {
                break;
            }
            if (!waited) {
                waited = true;
                deadline = System.nanoTime() + aliveMillis(same.payload()) * 1_000_000L + 1_000_000_000L;
                log.info(
                        "cluster - node id {} beat {} ms ago from {}; waiting for that beat to lapse",
                        nodeId,
                        same.ageMillis(),
                        same.payload().api());
            }
            if (System.nanoTime() > deadline) {
                throw new EngineStartException("node id " + nodeId + " is in use by a running engine at "
                        + same.payload().api() + " (its last heartbeat " + same.ageMillis()
                        + " ms ago); give each node its own --node-id or --data-dir");
            }
            sleep(250);
        }
        view = exchange(true);
        beats = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("cluster-heartbeat"));
        beats.scheduleWithFixedDelay(this::beatGuarded, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beatGuarded() {
        try {
            view = exchange(true);
            if (++beatsSinceCleanUp >= CLEAN_UP_EVERY_BEATS) {
                beatsSinceCleanUp = 0;
                removeConsumersOfGoneNodes(reclaimIdle);
            }
        } catch (RuntimeException e) {
            // Redis away: the store probes and the DEGRADED state tell it; the view ages until Redis is back
            log.debug("cluster - heartbeat failed: {}", e.toString());
        }
    }

    /** One round trip: this node's beat (when {@code write}) and every node's latest. */
    private View exchange(boolean write) {
        String payload = write ? payload() : "";
        List<Object> out = await(redis.async()
                .eval(BEAT, ScriptOutputType.MULTI, keys, nodeId, payload, Long.toString(FORGET_AFTER.toMillis())));
        long readAt = System.nanoTime();
        long now = (Long) out.get(0);
        List<Member> members = new ArrayList<>();
        for (int i = 1; i + 2 < out.size(); i += 3) {
            String json = (String) out.get(i + 2);
            if (json == null || json.isEmpty()) {
                continue;
            }
            try {
                Payload p = JSON.readValue(json, Payload.class);
                long seen = (long) Double.parseDouble((String) out.get(i + 1));
                members.add(new Member(p, Math.max(0, now - seen)));
            } catch (Exception e) {
                log.debug("cluster - unreadable heartbeat of {}: {}", out.get(i), e.toString());
            }
        }
        return new View(readAt, List.copyOf(members));
    }

    private String payload() {
        Beat b = self.get();
        long pending = ownPending();
        try {
            return JSON.writeValueAsString(new Payload(
                    nodeId,
                    instance,
                    api,
                    tick.toMillis(),
                    b.state(),
                    b.requestsPerSec(),
                    b.eventsPerSec(),
                    b.rowsPerSec(),
                    b.workers(),
                    pending,
                    Math.max(0, heldExtraEvents.getAsLong())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot write this node's heartbeat", e);
        }
    }

    /** Entries of the log stream (all its keys) delivered to this node's workers and not acknowledged; -1 if unknown. */
    private long ownPending() {
        try {
            long mine = 0;
            for (String key : logKeys.get()) {
                PendingMessages p = await(redis.async().xpending(key, group));
                mine += p.getConsumerMessageCount().entrySet().stream()
                        .filter(e -> ownerOf(e.getKey()).equals(nodeId))
                        .mapToLong(Map.Entry::getValue)
                        .sum();
            }
            return mine;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * Removes from the group every consumer whose node is not alive, that holds nothing and has
     * been idle at least {@code minIdle}; this node's own are kept while it runs.
     */
    void removeConsumersOfGoneNodes(Duration minIdle) {
        View v = view;
        Set<String> alive = v.members().stream()
                .filter(m -> alive(v, m))
                .map(m -> m.payload().id())
                .collect(Collectors.toSet());
        alive.add(nodeId);
        removeIdleConsumers(owner -> !alive.contains(owner), minIdle, "its node is gone and it held nothing");
    }

    /**
     * Removes from every stream's group the consumers whose node {@code owner} accepts, that hold
     * nothing and have been idle at least {@code minIdle}, each logged with {@code why} (null: not logged).
     */
    private void removeIdleConsumers(Predicate<String> owner, Duration minIdle, String why) {
        List<String> streams = new ArrayList<>(logKeys.get());
        streams.addAll(otherStreams);
        for (String stream : streams) {
            for (String consumer : consumers(stream)) {
                if (owner.test(ownerOf(consumer)) && deleteIfIdle(stream, consumer, minIdle) == 1 && why != null) {
                    log.info("cluster - removed consumer {} of {} ({})", consumer, stream, why);
                }
            }
        }
    }

    private List<String> consumers(String stream) {
        List<String> names = new ArrayList<>();
        try {
            for (Object c : await(redis.async().xinfoConsumers(stream, group))) {
                if (c instanceof List<?> fields) {
                    for (int i = 0; i + 1 < fields.size(); i += 2) {
                        if ("name".equals(String.valueOf(fields.get(i)))) {
                            names.add(String.valueOf(fields.get(i + 1)));
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // no such stream or group yet: nothing to remove
        }
        return names;
    }

    private long deleteIfIdle(String stream, String consumer, Duration minIdle) {
        Long r = await(redis.async()
                .eval(
                        DELETE_IF_IDLE,
                        ScriptOutputType.INTEGER,
                        new String[] {stream},
                        group,
                        consumer,
                        Long.toString(minIdle.toMillis())));
        return r == null ? 0 : r;
    }

    /** Whether a node's beat is young enough now: its age when the view was read plus the time since. */
    private static boolean alive(View v, Member m) {
        return age(v, m) <= aliveMillis(m.payload());
    }

    private static long age(View v, Member m) {
        long since = v.readAtNanos() == 0 ? 0 : (System.nanoTime() - v.readAtNanos()) / 1_000_000;
        return m.ageMillis() + since;
    }

    /** Three ticks of that node, plus a second for a slow beat. */
    private static long aliveMillis(Payload p) {
        return 3 * Math.max(100, p.tickMillis()) + 1_000;
    }

    /** The nodes alive, for this tick's snapshot (none before {@link #join}). */
    @Override
    public ClusterStats stats() {
        View v = view;
        List<NodeStats> nodes = new ArrayList<>();
        for (Member m : v.members()) {
            Payload p = m.payload();
            if (!alive(v, m) && !p.id().equals(nodeId)) {
                continue;
            }
            nodes.add(new NodeStats(
                    p.id(),
                    p.api(),
                    p.state(),
                    p.requestsPerSec(),
                    p.eventsPerSec(),
                    p.rowsPerSec(),
                    p.workers(),
                    p.pending(),
                    age(v, m),
                    p.id().equals(nodeId)));
        }
        nodes.sort(Comparator.comparing(NodeStats::id));
        return new ClusterStats(nodeId, nodes);
    }

    /** Events beyond one per entry that the other live nodes' workers hold: the group's pending count needs them. */
    @Override
    public long othersHeldExtraEvents() {
        View v = view;
        return v.members().stream()
                .filter(m -> !m.payload().id().equals(nodeId) && alive(v, m))
                .mapToLong(m -> m.payload().heldExtraEvents())
                .sum();
    }

    public String nodeId() {
        return nodeId;
    }

    /** Stops beating, removes this node's beat and its consumers that hold nothing. Idempotent. */
    @Override
    public void close() {
        ScheduledExecutorService b = beats;
        beats = null;
        if (b == null) {
            return;
        }
        b.shutdownNow();
        try {
            if (!b.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("cluster-heartbeat - did not stop within 2 s");
            }
            removeIdleConsumers(nodeId::equals, Duration.ZERO, null);
            await(redis.async().eval(LEAVE, ScriptOutputType.INTEGER, keys, nodeId, instance));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn(
                    "cluster - could not leave the registry cleanly ({}); the others drop this node within seconds",
                    e.toString());
        }
    }

    private static <T> T await(io.lettuce.core.RedisFuture<T> f) {
        try {
            return f.get(REDIS_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(
                    e.getCause() == null ? e.toString() : e.getCause().toString(), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the node id to be free", e);
        }
    }
}
