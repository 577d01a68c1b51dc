package dev.sluice.engine.experiment;

import dev.sluice.api.Knobs;
import java.util.ArrayList;
import java.util.List;

/** The label of a hand-made knob change's mark on the charts: {@code "workers 10→4, mode stream-copy→direct-insert"}. */
public final class KnobMarks {
    private KnobMarks() {}

    /** What changed from {@code a} to {@code b}; "" when nothing did. */
    public static String describe(Knobs a, Knobs b) {
        List<String> parts = new ArrayList<>();
        add(parts, "workers", a.workers(), b.workers());
        add(parts, "batch", a.batchSize(), b.batchSize());
        add(
                parts,
                "flush",
                a.flushInterval().toMillis() + "ms",
                b.flushInterval().toMillis() + "ms");
        add(parts, "mode", a.mode().label(), b.mode().label());
        add(parts, "", a.paused() ? "paused" : "running", b.paused() ? "paused" : "running");
        add(parts, "high water", a.highWater(), b.highWater());
        add(parts, "low water", a.lowWater(), b.lowWater());
        return String.join(", ", parts);
    }

    private static void add(List<String> parts, String name, Object from, Object to) {
        if (!from.equals(to)) {
            parts.add((name.isEmpty() ? "" : name + " ") + from + "→" + to);
        }
    }
}
