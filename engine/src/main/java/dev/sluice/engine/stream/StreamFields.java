package dev.sluice.engine.stream;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/** The layout of a stream entry, shared by the producer and the workers. */
public final class StreamFields {
    /** The event JSON, bytes as received. */
    public static final String EVENT = "event";
    /** The engine-assigned event id: 16 raw bytes, the {@code logs.event_id} uuid. Absent in entries of older engines. */
    public static final String EVENT_ID = "event_id";
    /** Acceptance time, microseconds since the epoch, as decimal text. */
    public static final String RECEIVED_AT = "received_at";

    /** Keys and field names as UTF-8 strings; values as raw bytes so events are never re-encoded. */
    public static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private StreamFields() {}
}
