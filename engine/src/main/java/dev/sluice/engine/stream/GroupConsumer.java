package dev.sluice.engine.stream;

import java.time.Duration;
import java.util.List;

/**
 * One member of the stream's consumer group, as a stream worker uses it: read, reclaim,
 * acknowledge. {@link StreamConsumer} is the one production implementation; the interface exists
 * so the worker loop can be tested against a stream held in memory.
 *
 * <p>Concurrency: an implementation is owned by one worker thread; every call may block on Redis.
 */
public interface GroupConsumer extends AutoCloseable {
    /** The consumer name within the group; unique among live workers. */
    String name();

    /**
     * Entries never delivered to anyone, up to {@code count} entries (a packed entry gives several
     * events), waiting up to {@code block} for the first.
     */
    List<StreamEntry> readNew(int count, Duration block);

    /** Entries delivered earlier to this consumer name and never acknowledged, marked redelivered. */
    List<StreamEntry> readOwnPending(int count);

    /**
     * Takes over up to {@code count} entries pending longer than {@code minIdle} with any consumer,
     * marked redelivered: the next page of the pending list, which successive calls walk through
     * and then start again.
     */
    List<StreamEntry> reclaim(Duration minIdle, int count);

    /** Acknowledges and deletes {@code entries}, waiting up to {@code timeout}; throws when Redis did not confirm. */
    void ackAndDelete(List<FinishedEntry> entries, Duration timeout);

    /**
     * For a consumer of a sharded stream: the keys it may hold entries of ({@code drained}: it
     * acknowledges and re-reads its own pending entries there) and the ones it reads new entries
     * from ({@code read}, a subset). Called by the worker pool from its own thread whenever workers
     * or keys change; a consumer of one key ignores it.
     */
    default void assign(List<String> drained, List<String> read) {}

    /** Releases the connection. Throws nothing. */
    @Override
    void close();
}
