package dev.sluice.engine.stream;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One consumer of the group on one stream key, on a connection of the worker's own (blocking reads
 * must not hold up anyone else). The entries it reads carry ids prefixed by the key's hash tag
 * ({@code {3}1732259100000-0} for {@code logs_stream{3}}) when the key has one, so the entries of
 * a sharded stream's keys stay apart in a worker's buffer (ids are unique only within one key);
 * {@link #ackAndDelete} takes them back off.
 *
 * <p>Concurrency: not thread-safe; owned by one worker thread.
 */
public final class StreamConsumer implements GroupConsumer {
    private final RedisLink<String, byte[]> link;
    private final boolean ownsLink;
    private final RedisClusterCommands<String, byte[]> redis;
    private final String key;
    private final String extraEventsKey;
    private final String idPrefix;
    private final String group;
    private final Consumer<String> me;
    /** Where the next XAUTOCLAIM starts in the pending list; "0-0" at its start. */
    private String reclaimCursor = "0-0";

    /** On a connection of its own from {@code client}. */
    public StreamConsumer(RedisClient client, String key, String group, String consumerName) {
        this(RedisLinks.of(client).connect(StreamFields.CODEC), true, key, group, consumerName);
    }

    /**
     * @param link     the connection to read on
     * @param ownsLink whether {@link #close} closes {@code link} (a worker reading several keys shares one)
     */
    public StreamConsumer(
            RedisLink<String, byte[]> link, boolean ownsLink, String key, String group, String consumerName) {
        this.link = link;
        this.ownsLink = ownsLink;
        this.redis = link.sync();
        this.key = key;
        this.extraEventsKey = StreamFields.extraEventsKey(key);
        this.idPrefix = idPrefix(key);
        this.group = group;
        this.me = Consumer.from(group, consumerName);
    }

    /** What the ids of entries read from {@code key} start with: its hash tag in braces, or nothing. */
    public static String idPrefix(String key) {
        String tag = StreamKeys.hashTag(key);
        return tag == null ? "" : "{" + tag + "}";
    }

    /** The stream key this consumer reads. */
    public String key() {
        return key;
    }

    /** Creates the stream and group if missing, reading from the start so nothing already queued is skipped. */
    public static void ensureGroup(RedisClusterCommands<String, ?> redis, String key, String group) {
        try {
            redis.xgroupCreate(XReadArgs.StreamOffset.from(key, "0-0"), group, XGroupCreateArgs.Builder.mkstream());
        } catch (RedisBusyException e) {
            // BUSYGROUP: it exists already, which is the normal case
        }
    }

    @Override
    public String name() {
        return me.getName();
    }

    /** Entries never delivered to anyone, up to {@code count}, waiting up to {@code block} for the first. */
    @Override
    public List<StreamEntry> readNew(int count, Duration block) {
        try {
            return toEntries(
                    redis.xreadgroup(
                            me,
                            XReadArgs.Builder.count(count).block(Math.max(1, block.toMillis())),
                            XReadArgs.StreamOffset.lastConsumed(key)),
                    false);
        } catch (RedisCommandExecutionException e) {
            if (String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
                ensureGroup(redis, key, group);
                return List.of();
            }
            throw e;
        }
    }

    /** Entries delivered earlier to this consumer name and never acknowledged (e.g. before a restart). */
    @Override
    public List<StreamEntry> readOwnPending(int count) {
        return toEntries(
                redis.xreadgroup(me, XReadArgs.Builder.count(count), XReadArgs.StreamOffset.from(key, "0-0")), true);
    }

    /**
     * Takes over entries pending longer than {@code minIdle} with any consumer (XAUTOCLAIM), the
     * next page of this key's pending list: the cursor XAUTOCLAIM gives back is kept here, so
     * successive calls walk the list and start over at its end.
     */
    @Override
    public List<StreamEntry> reclaim(Duration minIdle, int count) {
        ClaimedMessages<String, byte[]> claimed = redis.xautoclaim(
                key,
                XAutoClaimArgs.Builder.xautoclaim(me, minIdle, reclaimCursor).count(count));
        reclaimCursor = claimed.getId();
        return toEntries(claimed.getMessages(), true);
    }

    /**
     * Acknowledges and deletes entries in one round trip, so the stream keeps only the backlog,
     * and takes what packed entries held off the backlog counter. Waits up to {@code timeout}.
     */
    @Override
    public void ackAndDelete(List<FinishedEntry> entries, Duration timeout) {
        if (entries.isEmpty()) {
            return;
        }
        // Ids go out as ASCII bytes: Lettuce's String arguments are encoded char by char, which
        // was ~15% of the Redis I/O thread with thousands of ids per flush.
        int packed = 0;
        for (FinishedEntry e : entries) {
            packed += e.extraEvents() > 0 ? 1 : 0;
        }
        byte[][] args = new byte[2 + packed + entries.size()][];
        args[0] = group.getBytes(StandardCharsets.US_ASCII);
        args[1] = ascii(packed);
        int p = 2;
        int single = 2 + 2 * packed;
        for (FinishedEntry e : entries) {
            byte[] id = e.id().substring(idPrefix.length()).getBytes(StandardCharsets.US_ASCII);
            if (e.extraEvents() > 0) {
                args[p++] = id;
                args[p++] = ascii(e.extraEvents());
            } else {
                args[single++] = id;
            }
        }
        RedisFuture<Long> acked = link.async()
                .eval(StreamScripts.ACK_AND_DELETE, ScriptOutputType.INTEGER, new String[] {key, extraEventsKey}, args);
        try {
            acked.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while acknowledging", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreUnavailableException(
                    "acknowledging " + entries.size() + " entries failed: " + e.getMessage(), e);
        }
    }

    private static byte[] ascii(int n) {
        return Integer.toString(n).getBytes(StandardCharsets.US_ASCII);
    }

    /** Drops this consumer from the group; only call once its pending list is empty. */
    public void deleteConsumer() {
        redis.xgroupDelconsumer(key, me);
    }

    @Override
    public void close() {
        if (ownsLink) {
            link.close();
        }
    }

    private List<StreamEntry> toEntries(List<StreamMessage<String, byte[]>> messages, boolean redelivered) {
        List<StreamEntry> entries = new ArrayList<>(messages.size());
        for (StreamMessage<String, byte[]> m : messages) {
            Map<String, byte[]> body = m.getBody();
            byte[] stamp = body == null ? null : body.get(StreamFields.RECEIVED_AT);
            byte[] packedIds = body == null ? null : body.get(StreamFields.EVENT_IDS);
            String id = idPrefix + m.getId();
            if (packedIds != null) {
                addPacked(
                        entries,
                        id,
                        packedIds,
                        body.get(StreamFields.EVENTS),
                        parseMicros(stamp),
                        body.get(StreamFields.RECEIVED_ATS),
                        redelivered);
                continue;
            }
            // An entry deleted while pending comes back without a body: nothing to write, only to ack.
            // One with a body but no event field is malformed: an empty event, dead-lettered downstream.
            byte[] event = body == null ? null : body.getOrDefault(StreamFields.EVENT, new byte[0]);
            byte[] eventId = body == null ? null : body.get(StreamFields.EVENT_ID);
            if (eventId == null || eventId.length != 16) {
                eventId = EventIds.forLegacyEntry(m.getId());
            }
            entries.add(new StreamEntry(id, eventId, event, parseMicros(stamp), redelivered));
        }
        return entries;
    }

    /**
     * The events of a packed entry. Its size is what the adding script counted, from the ids; if
     * the events do not match the ids, the entry is one malformed event, dead-lettered whole. Each
     * event has its own acceptance time when the entry has {@code received_ats} of the right size
     * (coalesced single events), else the entry's one.
     */
    private static void addPacked(
            List<StreamEntry> out,
            String id,
            byte[] ids,
            byte[] packed,
            long receivedAtMicros,
            byte[] stamps,
            boolean redelivered) {
        int n = ids.length / 16;
        List<byte[]> events = packed == null || ids.length % 16 != 0 ? null : PackedEvents.unpack(packed, n);
        if (events == null || n == 0) {
            out.add(new StreamEntry(
                    id, id, Math.max(1, n), EventIds.forLegacyEntry(id), new byte[0], receivedAtMicros, redelivered));
            return;
        }
        for (int i = 0; i < n; i++) {
            out.add(StreamEntry.packed(
                    id,
                    i,
                    n,
                    Arrays.copyOfRange(ids, 16 * i, 16 * i + 16),
                    events.get(i),
                    stamps != null && stamps.length == 8 * n ? longAt(stamps, 8 * i) : receivedAtMicros,
                    redelivered));
        }
    }

    private static long longAt(byte[] b, int at) {
        long v = 0;
        for (int i = at; i < at + 8; i++) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }

    private static long parseMicros(byte[] stamp) {
        if (stamp == null) {
            return -1;
        }
        try {
            return Long.parseLong(new String(stamp, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
