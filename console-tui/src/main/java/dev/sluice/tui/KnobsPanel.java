package dev.sluice.tui;

import dev.sluice.api.IntakeState;
import dev.sluice.api.Knobs;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.tui.KeyMap.Command;

/**
 * The live knobs, each beside what it currently does to the engine and the keys that change it.
 * Values come from the latest snapshot only: the console keeps no second copy of the knobs.
 * The title row says whether {@code POST /write} accepts or throttles; the water row shows the
 * high/low marks and Redis memory in use against its maxmemory.
 */
final class KnobsPanel {
    private final KeyMap keys;

    KnobsPanel(KeyMap keys) {
        this.keys = keys;
    }

    void draw(Canvas c, MetricsSnapshot s) {
        int titleEnd = c.text(1, 0, "Knobs", Theme.Role.TITLE);
        c.right(0, "keys ", Theme.Role.DIM);
        if (s != null) {
            boolean throttling = s.intake().state() == IntakeState.THROTTLING;
            c.text(titleEnd + 2, 0, s.intake().state().label(), throttling ? Theme.Role.WARN : Theme.Role.DIM);
        }
        if (s == null) {
            c.text(1, 1, "-", Theme.Role.DIM);
            return;
        }
        Knobs k = s.knobs();
        MetricsSnapshot.WorkerStats w = s.workers();
        row(
                c,
                1,
                "workers",
                String.valueOf(k.workers()),
                "busy " + w.busy() + " · " + Fmt.percent(w.utilization()),
                Command.WORKERS_UP,
                Command.WORKERS_DOWN);
        row(
                c,
                2,
                "batch size",
                String.valueOf(k.batchSize()),
                Fmt.qty(w.meanRowsPerFlush()) + " rows/flush",
                Command.BATCH_UP,
                Command.BATCH_DOWN);
        row(
                c,
                3,
                "flush every",
                Fmt.interval(k.flushInterval()),
                Fmt.percent(w.sizeFlushShare()) + " full",
                Command.FLUSH_UP,
                Command.FLUSH_DOWN);
        // mode and pause share a row so the water marks fit 80x24; the header repeats both
        row(c, 4, "mode", k.mode().label(), k.paused() ? "paused" : "running", k.paused(), Command.MODE, Command.PAUSE);
        MetricsSnapshot.IntakeStats in = s.intake();
        String memory = in.redisMaxBytes() > 0
                ? Fmt.bytes(in.redisUsedBytes()) + "/" + Fmt.bytes(in.redisMaxBytes())
                : in.redisUsedBytes() >= 0 ? Fmt.bytes(in.redisUsedBytes()) + " redis" : "";
        row(
                c,
                5,
                "water",
                Fmt.qty(k.highWater()) + "/" + Fmt.qty(k.lowWater()),
                memory,
                in.state() == IntakeState.THROTTLING,
                Command.WATER_UP,
                Command.WATER_DOWN);
    }

    private void row(Canvas c, int r, String label, String value, String detail, Command up, Command down) {
        row(c, r, label, value, detail, false, up, down);
    }

    private void row(
            Canvas c, int r, String label, String value, String detail, boolean warn, Command up, Command down) {
        if (r >= c.height()) {
            return;
        }
        c.text(1, r, label, Theme.Role.TEXT);
        int col = c.text(13, r, value, warn ? Theme.Role.WARN : Theme.Role.TITLE);
        String keyText = keys.labelOf(up) + (down == null ? "" : " " + keys.labelOf(down)) + " ";
        int keyCol = c.width() - keyText.length();
        if (!detail.isEmpty() && Math.max(col + 1, 20) + detail.length() < keyCol) {
            c.text(Math.max(col + 1, 20), r, detail, warn ? Theme.Role.WARN : Theme.Role.DIM);
        }
        c.text(keyCol, r, keyText, Theme.Role.KEY);
    }
}
