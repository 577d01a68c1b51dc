package dev.sluice.gui;

import dev.sluice.api.EngineState;
import dev.sluice.api.IntakeState;
import dev.sluice.api.LoadStatus;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.StoreHealth;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The status panel's view-model: the labels (state, stores, uptime, totals) and the event log
 * entries that follow from one snapshot to the next: knob changes (whoever made them), state
 * changes, stores going down and coming back (with the outage's length), loads starting and stopping, new errors, and the connection coming and going.
 *
 * <p>Concurrency: confined to the UI thread.
 */
final class StatusModel {
    private final EventLog log;
    private final String target;
    private MetricsSnapshot previous;
    private Boolean wasConnected;
    private boolean everConnected;

    /** The status panel's text, one field per label. */
    record Lines(
            String state,
            String connection,
            String postgres,
            String redis,
            String uptime,
            String accepted,
            String committed,
            String deadLettered,
            String rejected,
            String throughput,
            String intake) {}

    /** @param target how the console reaches the engine, e.g. {@code embedded · http://127.0.0.1:8080} */
    StatusModel(EventLog log, String target) {
        this.log = log;
        this.target = target;
    }

    /** The labels for the latest snapshot (null before the first one). */
    Lines lines(MetricsSnapshot s, boolean connected) {
        String connection = (connected ? "connected · " : "DISCONNECTED, reconnecting · ") + target;
        if (s == null) {
            return new Lines("waiting for the first snapshot", connection, "-", "-", "-", "-", "-", "-", "-", "-", "-");
        }
        var t = s.totals();
        String state = s.state().name();
        if (s.state() == EngineState.DEGRADED && !s.health().degradedBy().isEmpty()) {
            StringJoiner down = new StringJoiner(", ", state + " · ", "");
            s.health().degradedBy().forEach(store -> down.add(store + " down " + downFor(s, store)));
            state = down.toString();
        }
        return new Lines(
                state,
                connection,
                s.stores().postgresUrl() + " (" + s.stores().postgresKind() + ")" + storeNote(s, "postgres"),
                s.stores().redisUrl() + " (" + s.stores().redisKind() + ")" + storeNote(s, "redis"),
                Formats.uptime(s.uptimeMillis()),
                Formats.count(t.eventsAccepted()) + " events in " + Formats.count(t.writeRequests()) + " requests",
                Formats.count(t.rowsCommitted()) + " rows",
                Formats.count(t.deadLettered()),
                Formats.count(t.requestsRejected()) + " requests",
                Formats.rate(s.api().eventsPerSec()) + " events in, "
                        + Formats.rate(s.workers().rowsPerSec()) + " rows out",
                intake(s));
    }

    /** {@code accepting · marks 1,000,000 / 750,000 · Redis 123 MB / 1.0 GB}; throttling adds the 429 rate. */
    static String intake(MetricsSnapshot s) {
        MetricsSnapshot.IntakeStats in = s.intake();
        boolean throttling = in.state() == IntakeState.THROTTLING;
        String state = throttling ? "THROTTLING (429, " + Formats.rate(in.throttledPerSec()) + ")" : "accepting";
        String memory = in.redisUsedBytes() < 0
                ? ""
                : " · Redis " + Formats.bytes(in.redisUsedBytes())
                        + (in.redisMaxBytes() > 0 ? " / " + Formats.bytes(in.redisMaxBytes()) : " (no limit)");
        return state + " · marks " + Formats.count(s.knobs().highWater()) + " / "
                + Formats.count(s.knobs().lowWater()) + memory;
    }

    /** How long {@code store} has been down, as of the snapshot's own time. */
    private static String downFor(MetricsSnapshot s, String store) {
        StoreHealth h = s.health().of(store);
        return h.since() == null
                ? "?"
                : Formats.uptime(Math.max(0, s.at().toEpochMilli() - h.since().toEpochMilli()));
    }

    /** " · down 7s", or " · last outage 3.2 s, 1 restart", or "" for a store that never failed. */
    private static String storeNote(MetricsSnapshot s, String store) {
        StoreHealth h = s.health().of(store);
        if (!h.up()) {
            return " · down " + downFor(s, store);
        }
        String restarts = h.restarts() == 0 ? "" : ", " + h.restarts() + (h.restarts() == 1 ? " restart" : " restarts");
        return h.lastRecoveryMillis() < 0 ? "" : " · last outage " + seconds(h.lastRecoveryMillis()) + restarts;
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** "redis down" when a store stops answering, "redis back after 3.2 s" when it answers again. */
    private void observeHealth(MetricsSnapshot p, MetricsSnapshot s) {
        for (String store : new String[] {"postgres", "redis"}) {
            StoreHealth before = p.health().of(store);
            StoreHealth now = s.health().of(store);
            if (before.up() && !now.up()) {
                log.error(store + " down" + (now.detail().isEmpty() ? "" : ": " + now.detail()));
            } else if (!before.up() && now.up()) {
                log.info(store + " back"
                        + (now.lastRecoveryMillis() < 0 ? "" : " after " + seconds(now.lastRecoveryMillis()))
                        + (now.restarts() > before.restarts() ? " (restarted by the engine)" : ""));
            } else if (now.up()
                    && now.lastRecoveryMillis() >= 0
                    && now.since() != null
                    && !now.since().equals(before.since())) {
                // an outage shorter than a tick: never seen down, but the engine measured it
                log.error(store + " was down for " + seconds(now.lastRecoveryMillis())
                        + (now.restarts() > before.restarts() ? " (restarted by the engine)" : ""));
            }
        }
    }

    /** Logs what changed since the previous snapshot. Call with every new snapshot, oldest first. */
    void observe(MetricsSnapshot s) {
        MetricsSnapshot p = previous;
        previous = s;
        if (p == null) {
            log.info("engine " + s.state() + ", knobs " + describeKnobs(s));
            return;
        }
        if (s.seq() < p.seq()) {
            log.info("engine restarted (snapshot seq " + p.seq() + " → " + s.seq() + ")");
        }
        if (s.state() != p.state()) {
            log.info("engine " + p.state() + " → " + s.state());
        }
        for (Knob knob : Knob.values()) {
            Object before = knob.valueIn(p.knobs());
            Object now = knob.valueIn(s.knobs());
            if (!Objects.equals(before, now)) {
                log.info(knob.label() + " " + knob.show(before) + " → " + knob.show(now));
            }
        }
        if (s.intake().state() != p.intake().state()) {
            if (s.intake().state() == IntakeState.THROTTLING) {
                log.error("intake throttling: POST /write answers 429 (" + intake(s) + ")");
            } else {
                log.info("intake accepting again (" + intake(s) + ")");
            }
        }
        observeHealth(p, s);
        observeLoad(p.load(), s.load());
        observeErrors(p, s);
    }

    private void observeLoad(LoadStatus before, LoadStatus now) {
        if (!before.running() && now.running()) {
            log.info("load started: " + (now.spec() == null ? "?" : LoadModel.describe(now.spec())));
        } else if (before.running() && !now.running()) {
            log.info("load stopped after " + Formats.uptime(before.elapsedMillis()) + ", "
                    + Formats.count(before.errorsTotal()) + " errors");
        } else if (now.running()
                && now.spec() != null
                && before.spec() != null
                && !LoadModel.describe(now.spec()).equals(LoadModel.describe(before.spec()))) {
            log.info("load now " + LoadModel.describe(now.spec()));
        }
    }

    private void observeErrors(MetricsSnapshot p, MetricsSnapshot s) {
        StringJoiner grew = new StringJoiner(", ");
        for (Map.Entry<String, Long> e : s.errors().entrySet()) {
            long delta = e.getValue() - p.errors().getOrDefault(e.getKey(), 0L);
            if (delta > 0) {
                grew.add(e.getKey() + " +" + Formats.count(delta));
            }
        }
        long dead = s.totals().deadLettered() - p.totals().deadLettered();
        if (dead > 0) {
            grew.add("dead-lettered +" + Formats.count(dead));
        }
        if (grew.length() > 0) {
            log.error("errors: " + grew);
        }
    }

    /** Logs the connection going away and coming back (attach mode). */
    void observeConnection(boolean connected) {
        if (wasConnected == null && !connected) {
            log.error("engine at " + target + " not reachable yet; retrying");
        } else if (wasConnected != null && wasConnected != connected) {
            if (connected) {
                log.info((everConnected ? "reconnected to " : "connected to ") + target);
            } else {
                log.error("lost the engine at " + target + "; reconnecting");
            }
        }
        everConnected |= connected;
        wasConnected = connected;
    }

    static String describeKnobs(MetricsSnapshot s) {
        var k = s.knobs();
        return k.workers() + " workers, batch " + k.batchSize() + ", flush "
                + k.flushInterval().toMillis() + " ms, " + k.mode().label() + (k.paused() ? ", paused" : "");
    }
}
