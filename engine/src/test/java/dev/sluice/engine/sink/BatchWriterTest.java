package dev.sluice.engine.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.IngestMode;
import dev.sluice.engine.metrics.IngestCounters;
import dev.sluice.engine.sink.FakeSink.Call;
import dev.sluice.engine.sink.FakeSink.Op;
import dev.sluice.engine.stream.EventIds;
import dev.sluice.engine.stream.StreamEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BatchWriterTest {
    private static final int MAX_ATTEMPTS = 3;

    private final EventIds eventIds = new EventIds();
    private final IngestCounters counters = new IngestCounters();
    private final FakeSink sink = new FakeSink();
    private final BatchWriter writer = new BatchWriter("test-w1", sink, MAX_ATTEMPTS, counters);

    @Test
    void a_fresh_batch_goes_in_one_copy_and_every_entry_is_done() {
        List<StreamEntry> batch = List.of(entry("1-0", "{}"), entry("2-0", "{}"), entry("3-0", "{}"));

        BatchWriter.Result result = writer.write(batch, IngestMode.STREAM_COPY, true);

        assertThat(result.transientFailure()).isNull();
        assertThat(result.done()).containsExactly("1-0", "2-0", "3-0");
        assertThat(sink.calls()).containsExactly(new Call(Op.COPY, List.of("1-0", "2-0", "3-0")));
        assertThat(sink.storedIds()).containsExactly("1-0", "2-0", "3-0");
        assertThat(counters.snapshot().rowsCommitted()).isEqualTo(3);
        assertThat(counters.snapshot().flushes()).isEqualTo(1);
        assertThat(counters.snapshot().flushesBySize()).isEqualTo(1);
        assertThat(counters.snapshot().duplicatesSkipped()).isZero();
    }

    @Test
    void a_flush_that_was_not_for_size_is_not_counted_as_one() {
        writer.write(List.of(entry("1-0", "{}")), IngestMode.STREAM_COPY, false);

        assertThat(counters.snapshot().flushes()).isEqualTo(1);
        assertThat(counters.snapshot().flushesBySize()).isZero();
    }

    @Test
    void stream_insert_mode_writes_with_insert_not_copy() {
        BatchWriter.Result result =
                writer.write(List.of(entry("1-0", "{}"), entry("2-0", "{}")), IngestMode.STREAM_INSERT, false);

        assertThat(result.done()).containsExactly("1-0", "2-0");
        assertThat(sink.calls()).containsExactly(new Call(Op.INSERT, List.of("1-0", "2-0")));
    }

    @Test
    void a_redelivered_batch_uses_the_conflict_safe_insert_and_counts_rows_already_there_as_duplicates() {
        StreamEntry written = redelivered(entry("1-0", "{}"));
        sink.store(written);

        BatchWriter.Result result =
                writer.write(List.of(written, redelivered(entry("2-0", "{}"))), IngestMode.STREAM_COPY, false);

        assertThat(result.done()).containsExactly("1-0", "2-0");
        assertThat(sink.calls()).containsExactly(new Call(Op.INSERT, List.of("1-0", "2-0")));
        assertThat(sink.storedIds()).containsExactly("1-0", "2-0");
        assertThat(counters.snapshot().rowsCommitted()).isEqualTo(1);
        assertThat(counters.snapshot().duplicatesSkipped()).isEqualTo(1);
    }

    @Test
    void a_copy_refused_as_duplicate_23505_is_retried_as_insert_and_nothing_is_dead_lettered() {
        StreamEntry already = entry("2-0", "{}");
        sink.store(already);

        BatchWriter.Result result =
                writer.write(List.of(entry("1-0", "{}"), already, entry("3-0", "{}")), IngestMode.STREAM_COPY, false);

        assertThat(result.transientFailure()).isNull();
        assertThat(result.done()).containsExactly("1-0", "2-0", "3-0");
        assertThat(sink.calls())
                .containsExactly(
                        new Call(Op.COPY, List.of("1-0", "2-0", "3-0")),
                        new Call(Op.INSERT, List.of("1-0", "2-0", "3-0")));
        assertThat(sink.deadLetters()).isEmpty();
        assertThat(counters.snapshot().rowsCommitted()).isEqualTo(2);
        assertThat(counters.snapshot().duplicatesSkipped()).isEqualTo(1);
    }

    /** 22P02 invalid text, 22003 numeric out of range, 23502 not null, 23514 check violation. */
    @ParameterizedTest
    @ValueSource(strings = {"22P02", "22003", "23502", "23514"})
    void a_content_fault_splits_the_batch_so_the_good_rows_commit_and_the_bad_one_is_dead_lettered_after_max_attempts(
            String state) {
        sink.rejectEventsContaining("poison", state);
        StreamEntry bad = entry("2-0", "{\"poison\":1}");

        BatchWriter.Result first =
                writer.write(List.of(entry("1-0", "{}"), bad, entry("3-0", "{}")), IngestMode.STREAM_COPY, false);

        assertThat(first.transientFailure()).isNull();
        assertThat(first.done()).containsExactly("1-0", "3-0");
        assertThat(sink.calls())
                .containsExactly(
                        new Call(Op.COPY, List.of("1-0", "2-0", "3-0")),
                        new Call(Op.INSERT, List.of("1-0")),
                        new Call(Op.INSERT, List.of("2-0")),
                        new Call(Op.INSERT, List.of("3-0")));
        assertThat(sink.storedIds()).containsExactly("1-0", "3-0");
        assertThat(sink.deadLetters()).isEmpty();

        // the worker keeps the bad entry and offers it again on its next flushes
        assertThat(writer.write(List.of(bad), IngestMode.STREAM_COPY, false).done())
                .isEmpty();
        BatchWriter.Result third = writer.write(List.of(bad), IngestMode.STREAM_COPY, false);

        assertThat(third.transientFailure()).isNull();
        assertThat(third.done()).containsExactly("2-0");
        assertThat(sink.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("2-0");
            assertThat(d.attempts()).isEqualTo(MAX_ATTEMPTS);
            assertThat(d.error()).isEqualTo("ERROR: the content of 2-0 is refused [" + state + "]");
        });
        assertThat(counters.snapshot().deadLettered()).isEqualTo(1);
        assertThat(counters.snapshot().rowsCommitted()).isEqualTo(2);
    }

    /** 08006 connection failure, 40001 serialization failure, 57014 statement cancelled, 53300 too many connections. */
    @ParameterizedTest
    @ValueSource(strings = {"08006", "40001", "57014", "53300"})
    @NullSource
    void a_failure_that_is_not_the_entries_fault_finishes_nothing_and_never_dead_letters(String state) {
        sink.failAllWrites(state);
        List<StreamEntry> batch = List.of(entry("1-0", "{}"), entry("2-0", "{}"));

        for (int i = 0; i < MAX_ATTEMPTS + 2; i++) {
            BatchWriter.Result result = writer.write(batch, IngestMode.STREAM_COPY, false);
            assertThat(result.done()).isEmpty();
            assertThat(result.transientFailure())
                    .isEqualTo("writing 2 rows failed: the database is unwell"
                            + (state == null ? "" : " [" + state + "]"));
        }
        assertThat(sink.calls())
                .hasSize(MAX_ATTEMPTS + 2)
                .allMatch(c -> c.op() == Op.COPY && c.ids().size() == 2);
        assertThat(sink.deadLetters()).isEmpty();
        assertThat(counters.snapshot().deadLettered()).isZero();
        assertThat(counters.snapshot().rowsCommitted()).isZero();
        assertThat(counters.snapshot().flushes()).isZero();

        sink.heal();
        assertThat(writer.write(batch, IngestMode.STREAM_COPY, false).done()).containsExactly("1-0", "2-0");
        assertThat(sink.storedIds()).containsExactly("1-0", "2-0");
    }

    @Test
    void a_transient_failure_while_splitting_stops_the_split_and_leaves_the_rest_unfinished() {
        sink.rejectEventsContaining("poison", "22P02").failWrite(3, "08006");

        BatchWriter.Result result = writer.write(
                List.of(entry("1-0", "{}"), entry("2-0", "{\"poison\":1}"), entry("3-0", "{}")),
                IngestMode.STREAM_COPY,
                false);

        assertThat(result.done()).containsExactly("1-0");
        assertThat(result.transientFailure())
                .isEqualTo("writing rows one by one failed: the database is unwell [08006]");
        assertThat(sink.calls())
                .extracting(Call::ids)
                .containsExactly(List.of("1-0", "2-0", "3-0"), List.of("1-0"), List.of("2-0"));
        assertThat(sink.deadLetters()).isEmpty();
    }

    @Test
    void an_entry_deleted_while_pending_is_done_without_a_write() {
        StreamEntry deleted = new StreamEntry("1-0", eventIds.next(), null, -1, true);

        BatchWriter.Result result = writer.write(List.of(deleted), IngestMode.STREAM_COPY, false);

        assertThat(result.done()).containsExactly("1-0");
        assertThat(sink.calls()).isEmpty();
        assertThat(counters.snapshot().flushes()).isZero();
    }

    @Test
    void an_entry_without_an_event_or_a_stamp_is_dead_lettered_at_once_and_the_rest_is_written() {
        StreamEntry noEvent = new StreamEntry("1-0", eventIds.next(), new byte[0], nowMicros(), false);
        StreamEntry noStamp = new StreamEntry("2-0", eventIds.next(), "{}".getBytes(StandardCharsets.UTF_8), -1, false);

        BatchWriter.Result result =
                writer.write(List.of(noEvent, noStamp, entry("3-0", "{}")), IngestMode.STREAM_COPY, false);

        assertThat(result.done()).containsExactly("1-0", "2-0", "3-0");
        String why =
                "malformed stream entry: it needs an 'event' (or matching 'events' and 'event_ids') and a numeric 'received_at' field";
        assertThat(sink.deadLetters())
                .containsExactly(new FakeSink.DeadLetter("1-0", why, 1), new FakeSink.DeadLetter("2-0", why, 1));
        assertThat(sink.calls()).containsExactly(new Call(Op.COPY, List.of("3-0")));
        assertThat(counters.snapshot().deadLettered()).isEqualTo(2);
    }

    @Test
    void an_event_that_is_not_utf8_is_dead_lettered_on_first_sight() {
        StreamEntry notUtf8 =
                new StreamEntry("2-0", eventIds.next(), new byte[] {'"', (byte) 0xC3, '(', '"'}, nowMicros(), false);

        BatchWriter.Result result = writer.write(List.of(entry("1-0", "{}"), notUtf8), IngestMode.STREAM_COPY, false);

        assertThat(result.transientFailure()).isNull();
        assertThat(result.done()).containsExactly("1-0", "2-0");
        assertThat(sink.storedIds()).containsExactly("1-0");
        assertThat(sink.deadLetters()).containsExactly(new FakeSink.DeadLetter("2-0", "event is not valid UTF-8", 1));
    }

    @Test
    void an_entry_whose_dead_lettering_fails_stays_unfinished_and_is_not_counted() {
        BatchWriter once = new BatchWriter("test-w1", sink, 1, counters);
        sink.rejectEventsContaining("poison", "22P02").failDeadLetters("08006");
        StreamEntry bad = entry("1-0", "{\"poison\":1}");

        BatchWriter.Result result = once.write(List.of(bad), IngestMode.STREAM_COPY, false);

        assertThat(result.done()).isEmpty();
        assertThat(result.transientFailure())
                .isEqualTo("dead-lettering 1-0 failed: connection to dead_letters lost [08006]");
        assertThat(counters.snapshot().deadLettered()).isZero();

        sink.heal();
        assertThat(once.write(List.of(bad), IngestMode.STREAM_COPY, false).done())
                .containsExactly("1-0");
        assertThat(sink.deadLetters()).extracting(FakeSink.DeadLetter::id).containsExactly("1-0");
        assertThat(counters.snapshot().deadLettered()).isEqualTo(1);
    }

    @Test
    void a_commit_clears_the_entrys_failure_count() {
        sink.rejectEventsContaining("flaky", "22P02");
        StreamEntry flaky = entry("1-0", "{\"flaky\":1}");
        writer.write(List.of(flaky), IngestMode.STREAM_COPY, false);
        writer.write(List.of(flaky), IngestMode.STREAM_COPY, false);
        sink.stopRejecting();
        assertThat(writer.write(List.of(flaky), IngestMode.STREAM_COPY, false).done())
                .containsExactly("1-0");

        // the same entry, redelivered and refused again, starts counting from one
        sink.rejectEventsContaining("flaky", "22P02");
        assertThat(writer.write(List.of(redelivered(flaky)), IngestMode.STREAM_COPY, false)
                        .done())
                .isEmpty();
        assertThat(sink.deadLetters()).isEmpty();
    }

    private StreamEntry entry(String id, String json) {
        return new StreamEntry(id, eventIds.next(), json.getBytes(StandardCharsets.UTF_8), nowMicros(), false);
    }

    private static StreamEntry redelivered(StreamEntry e) {
        return new StreamEntry(e.id(), e.eventId(), e.event(), e.receivedAtMicros(), true);
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
