package dev.sluice.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.testing.Db;
import java.util.HashSet;
import java.util.Set;

/**
 * Events numbered by a {@code seq} field, for tests that post many and then check, by number,
 * that each one answered 202 is in {@code logs} once.
 */
public final class SeqEvents {
    private SeqEvents() {}

    /** A JSON array of {@code n} events numbered from {@code from}, each {@code {"seq":k,"msg":msg}}. */
    public static String batch(int from, int n, String msg) {
        StringBuilder sb = new StringBuilder(n * 40).append('[');
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",")
                    .append("{\"seq\":")
                    .append(from + i)
                    .append(",\"msg\":\"")
                    .append(msg)
                    .append("\"}");
        }
        return sb.append(']').toString();
    }

    /**
     * Every seq in {@code accepted} is in {@code logs} once, no seq twice, and the only others there
     * are from {@code unanswered} (requests whose fate is unknown). Prints one line for the build
     * log, headed {@code who}; returns the row count.
     */
    public static long assertLandedOnce(
            PostgresEndpoint pg, Set<Integer> accepted, Set<Integer> unanswered, String who) {
        long rows = Db.count(pg, "SELECT count(*) FROM logs");
        Set<Integer> stored = new HashSet<>();
        Db.strings(pg, "SELECT event->>'seq' FROM logs").forEach(s -> stored.add(Integer.parseInt(s)));
        System.out.printf(
                "%s: %d events answered 202, %d in requests unanswered, %d rows%n",
                who, accepted.size(), unanswered.size(), rows);
        assertThat(rows).as("no event twice").isEqualTo(stored.size());
        // set differences by hand: AssertJ's containsAll compares element by element (100k x 100k)
        Set<Integer> lost = new HashSet<>(accepted);
        lost.removeAll(stored);
        assertThat(lost).as("events answered 202 but not stored").isEmpty();
        Set<Integer> extra = new HashSet<>(stored);
        extra.removeAll(accepted);
        extra.removeAll(unanswered);
        assertThat(extra)
                .as("rows of events neither answered 202 nor in a request unanswered")
                .isEmpty();
        return rows;
    }
}
