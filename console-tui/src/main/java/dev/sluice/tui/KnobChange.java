package dev.sluice.tui;

import dev.sluice.api.Knobs;
import java.util.ArrayList;
import java.util.List;

/** The event-line text for a knob change: only what differs, e.g. {@code workers 10 → 11}. */
final class KnobChange {
    private KnobChange() {}

    static String describe(Knobs before, Knobs after) {
        List<String> parts = new ArrayList<>();
        if (before.workers() != after.workers()) {
            parts.add("workers " + before.workers() + " → " + after.workers());
        }
        if (before.batchSize() != after.batchSize()) {
            parts.add("batch size " + before.batchSize() + " → " + after.batchSize());
        }
        if (!before.flushInterval().equals(after.flushInterval())) {
            parts.add("flush interval " + Fmt.interval(before.flushInterval()) + " → "
                    + Fmt.interval(after.flushInterval()));
        }
        if (before.mode() != after.mode()) {
            parts.add("mode " + before.mode().label() + " → " + after.mode().label());
        }
        if (before.highWater() != after.highWater() || before.lowWater() != after.lowWater()) {
            parts.add("water marks " + Fmt.qty(before.highWater()) + "/" + Fmt.qty(before.lowWater()) + " → "
                    + Fmt.qty(after.highWater()) + "/" + Fmt.qty(after.lowWater()));
        }
        if (before.paused() != after.paused()) {
            parts.add(after.paused() ? "workers paused (the API keeps accepting)" : "workers resumed");
        }
        return parts.isEmpty() ? "knobs unchanged" : String.join(", ", parts);
    }
}
