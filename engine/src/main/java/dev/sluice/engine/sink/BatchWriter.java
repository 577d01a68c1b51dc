package dev.sluice.engine.sink;

import dev.sluice.api.IngestMode;
import dev.sluice.engine.metrics.IngestCounters;
import dev.sluice.engine.stream.EpochMicros;
import dev.sluice.engine.stream.StreamEntry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one worker's buffered entries to PostgreSQL and decides, entry by entry, what is
 * finished: committed, already there (a redelivery), or dead-lettered after too many failures
 * caused by its content. A failure that is not an entry's fault (PostgreSQL away, pool timeout)
 * finishes nothing and is reported back, so the worker keeps the batch and backs off.
 *
 * <p>Concurrency: not thread-safe; owned by one worker thread.
 */
public final class BatchWriter {
    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    private final String name;
    private final BatchSink sink;
    private final int maxAttempts;
    private final IngestCounters counters;
    private final CopyEncoder encoder = new CopyEncoder();
    private final Map<String, Integer> failures = new HashMap<>();

    /**
     * @param done             keys ({@link StreamEntry#key}) of events that need nothing more but an acknowledgement
     * @param transientFailure why PostgreSQL could not take the batch now, or null
     */
    public record Result(List<String> done, String transientFailure) {}

    public BatchWriter(String name, BatchSink sink, int maxAttempts, IngestCounters counters) {
        this.name = name;
        this.sink = sink;
        this.maxAttempts = maxAttempts;
        this.counters = counters;
    }

    public Result write(List<StreamEntry> batch, IngestMode mode, boolean bySize) {
        List<StreamEntry> writable = new ArrayList<>(batch.size());
        List<String> done = new ArrayList<>(batch.size());
        for (StreamEntry e : batch) {
            if (e.event() == null) {
                done.add(e.key()); // deleted while pending: nothing left to write
            } else if (e.event().length == 0 || e.receivedAtMicros() < 0) {
                String failure = deadLetter(
                        e,
                        "malformed stream entry: it needs an 'event' (or matching 'events' and 'event_ids') and a numeric 'received_at' field",
                        1,
                        done);
                if (failure != null) {
                    return new Result(done, failure);
                }
            } else {
                writable.add(e);
            }
        }
        try {
            record(writable, writeAll(writable, mode), bySize);
            writable.forEach(e -> done.add(e.key()));
            writable.forEach(e -> failures.remove(e.key()));
            return new Result(done, null);
        } catch (SQLException e) {
            if (SqlErrors.isEntryFault(e)) {
                return new Result(done, isolate(writable, done));
            }
            return new Result(done, "writing " + writable.size() + " rows failed: " + SqlErrors.describe(e));
        } catch (LogSink.MalformedEntryException e) {
            return new Result(done, isolate(writable, done));
        }
    }

    /** COPY for fresh entries; conflict-safe INSERT for redeliveries, for stream-insert, or after a duplicate. */
    private int writeAll(List<StreamEntry> entries, IngestMode mode) throws SQLException {
        if (entries.isEmpty()) {
            return 0;
        }
        boolean redelivery = entries.stream().anyMatch(StreamEntry::redelivered);
        if (mode == IngestMode.STREAM_INSERT || redelivery) {
            return sink.insert(entries);
        }
        try {
            sink.copy(entries, encoder);
            return entries.size();
        } catch (SQLException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                return sink.insert(entries);
            }
            throw e;
        }
    }

    /** Writes row by row so one bad entry cannot hold back the good ones. Returns a transient failure or null. */
    private String isolate(List<StreamEntry> entries, List<String> done) {
        for (StreamEntry e : entries) {
            try {
                record(List.of(e), sink.insert(List.of(e)), false);
                done.add(e.key());
                failures.remove(e.key());
            } catch (SQLException ex) {
                if (!SqlErrors.isEntryFault(ex)) {
                    return "writing rows one by one failed: " + SqlErrors.describe(ex);
                }
                String failure = entryFailed(e, SqlErrors.describe(ex), done);
                if (failure != null) {
                    return failure;
                }
            } catch (LogSink.MalformedEntryException ex) {
                String failure = deadLetter(e, ex.getMessage(), 1, done);
                if (failure != null) {
                    return failure;
                }
            }
        }
        return null;
    }

    private String entryFailed(StreamEntry e, String error, List<String> done) {
        int attempts = failures.merge(e.key(), 1, Integer::sum);
        if (attempts >= maxAttempts) {
            return deadLetter(e, error, attempts, done);
        }
        log.debug("{} - event {} failed ({}/{}): {}", name, e.key(), attempts, maxAttempts, error);
        return null;
    }

    private String deadLetter(StreamEntry e, String error, int attempts, List<String> done) {
        try {
            sink.deadLetter(e, error, attempts);
        } catch (SQLException ex) {
            return "dead-lettering " + e.key() + " failed: " + SqlErrors.describe(ex);
        }
        counters.deadLettered();
        failures.remove(e.key());
        done.add(e.key());
        log.warn("{} - event {} moved to dead_letters after {} attempt(s): {}", name, e.key(), attempts, error);
        return null;
    }

    private void record(List<StreamEntry> entries, int written, boolean bySize) {
        if (entries.isEmpty()) {
            return;
        }
        long nowMicros = EpochMicros.now();
        long oldest = Long.MAX_VALUE;
        for (StreamEntry e : entries) {
            counters.recordCommitLatency(nowMicros - e.receivedAtMicros());
            oldest = Math.min(oldest, e.receivedAtMicros());
        }
        counters.recordFlushLatency(nowMicros - oldest);
        counters.committed(written, entries.size() - written, bySize);
    }
}
