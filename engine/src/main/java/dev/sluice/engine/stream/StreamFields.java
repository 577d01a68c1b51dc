package dev.sluice.engine.stream;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * The layout of a stream entry, shared by the producer and the workers. A single event is an entry
 * of {@link #EVENT}, {@link #EVENT_ID}, {@link #RECEIVED_AT}; the events of a batch request go as
 * packed entries of {@link #EVENTS}, {@link #EVENT_IDS}, {@link #RECEIVED_AT}, at most
 * {@link PackedEvents#MAX_EVENTS} each, and so do single events that reach the producer together
 * (with {@link #RECEIVED_ATS} besides). The backlog in events is XLEN plus the counter at
 * {@link #extraEventsKey}: the events packed entries hold beyond their first.
 */
public final class StreamFields {
    /** The event JSON, bytes as received. */
    public static final String EVENT = "event";
    /** The engine-assigned event id: 16 raw bytes, the {@code logs.event_id} uuid. Absent in entries of older engines. */
    public static final String EVENT_ID = "event_id";
    /** A packed entry's events, in {@link PackedEvents}' layout. */
    public static final String EVENTS = "events";
    /** A packed entry's event ids: 16 bytes per event, in the order of {@link #EVENTS}. */
    public static final String EVENT_IDS = "event_ids";
    /** Acceptance time, microseconds since the epoch, as decimal text. */
    public static final String RECEIVED_AT = "received_at";
    /**
     * A packed entry of single events from different requests: each event's acceptance time, 8
     * bytes (big-endian microseconds) per event in the order of {@link #EVENTS}; {@link #RECEIVED_AT}
     * then holds the first one's. Absent in the entries of one batch request (one time for all).
     */
    public static final String RECEIVED_ATS = "received_ats";

    /** Keys and field names as UTF-8 strings; values as raw bytes so events are never re-encoded. */
    public static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    /**
     * The counter of events packed entries hold beyond their first, kept beside the stream by the
     * scripts that add and delete entries; the hash tag keeps it in the stream's cluster slot.
     */
    public static String extraEventsKey(String streamKey) {
        return StreamKeys.sibling(streamKey, "extra-events");
    }

    private StreamFields() {}
}
