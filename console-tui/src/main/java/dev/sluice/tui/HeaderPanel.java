package dev.sluice.tui;

import dev.sluice.api.EngineState;
import dev.sluice.api.MetricsSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The top two rows: engine state (with the store that is down and for how long while DEGRADED,
 * else the last recovery), uptime, ingest mode, workers, and the nodes and the stream's shards
 * when more than one; then what the console is driving (the embedded engine and its API, or the
 * attach target and whether it is reachable) and where the stores are.
 */
final class HeaderPanel {
    private final String target;
    private final boolean attached;

    /**
     * @param target   e.g. {@code embedded · api http://127.0.0.1:8080} or {@code http://10.0.0.5:8080}
     * @param attached true when the engine is remote (then reachability is shown)
     */
    HeaderPanel(String target, boolean attached) {
        this.target = target;
        this.attached = attached;
    }

    void draw(Canvas c, MetricsSnapshot s, boolean connected, long nowMillis) {
        Theme theme = c.theme();
        int col = c.text(0, 0, " Sluice ", Theme.Role.TITLE);
        if (s == null) {
            String waiting = attached && !connected ? "waiting for the engine…" : "waiting for the first snapshot…";
            c.text(col + 1, 0, waiting, Theme.Role.DIM);
        } else {
            boolean up = s.state() == EngineState.RUNNING && connected;
            Theme.Role stateRole = !connected ? Theme.Role.BAD : up ? Theme.Role.GOOD : Theme.Role.WARN;
            // DEGRADED still serves (filled dot), in the warning colour
            col = c.text(
                    col + 1,
                    0,
                    theme.dot(connected && s.state().serving()) + " "
                            + (connected ? s.state().name() : "DISCONNECTED"),
                    stateRole);
            String down = connected && s.state() == EngineState.DEGRADED ? HealthText.down(s) : "";
            if (!down.isEmpty()) {
                col = c.text(col + 1, 0, down, Theme.Role.BAD);
            }
            col = c.text(col + 2, 0, "up " + Fmt.elapsed(s.uptimeMillis()), Theme.Role.TEXT);
            col = c.text(col + 2, 0, s.knobs().mode().label(), Theme.Role.TEXT);
            col = c.text(col + 2, 0, s.knobs().workers() + " workers", Theme.Role.TEXT);
            int nodes = s.cluster().nodes().size();
            if (nodes > 1) {
                col = c.text(col + 2, 0, nodes + " nodes", Theme.Role.TEXT);
            }
            if (ShardsTable.shown(s.stream().shards())) {
                col = c.text(col + 2, 0, s.stream().shards().size() + " shards", Theme.Role.TEXT);
            }
            if (s.knobs().paused()) {
                col = c.text(col + 2, 0, "PAUSED", Theme.Role.WARN);
            }
            if (s.intake().state() == dev.sluice.api.IntakeState.THROTTLING) {
                col = c.text(col + 2, 0, "THROTTLING", Theme.Role.WARN);
            }
            String recovered = down.isEmpty() ? HealthText.lastRecovery(s) : "";
            if (!recovered.isEmpty() && col + 2 + recovered.length() <= c.width()) {
                col = c.text(col + 2, 0, recovered, Theme.Role.DIM);
            }
            if (!connected) {
                col = c.text(
                        col + 2,
                        0,
                        "last data " + Fmt.elapsed(nowMillis - s.at().toEpochMilli()) + " ago",
                        Theme.Role.DIM);
            }
            String totals = "committed " + Fmt.count(s.totals().rowsCommitted()) + " ";
            String wide = "accepted " + Fmt.count(s.totals().eventsAccepted()) + " · " + totals;
            if (col + 2 + wide.length() <= c.width()) {
                c.right(0, wide, Theme.Role.DIM);
            } else if (col + 2 + totals.length() <= c.width()) {
                c.right(0, totals, Theme.Role.DIM);
            }
        }
        drawWhere(c, s, connected);
    }

    private void drawWhere(Canvas c, MetricsSnapshot s, boolean connected) {
        String who = attached ? "attached " + target : target;
        String bare = who.replace("http://", "");
        String link = !attached
                ? ""
                : connected
                        ? " " + c.theme().dot(true) + " connected"
                        : " " + c.theme().dot(false) + " reconnecting…";
        Theme.Role linkRole = connected ? Theme.Role.GOOD : Theme.Role.BAD;
        List<String[]> candidates = new ArrayList<>();
        if (s != null && s.stores() != null) {
            MetricsSnapshot.StoreInfo st = s.stores();
            String pg = hostPart(st.postgresUrl());
            String redis = hostPart(st.redisUrl());
            // the most complete line that fits: full URLs (to paste into psql), then shorter forms
            candidates.add(new String[] {
                who,
                "  pg " + st.postgresUrl() + " (" + st.postgresKind() + ")  redis " + st.redisUrl() + " ("
                        + st.redisKind() + ")"
            });
            candidates.add(new String[] {who, " · pg " + pg + " · redis " + redis + " · " + kinds(st)});
            candidates.add(new String[] {who, " · pg " + pg + " · redis " + redis});
            candidates.add(new String[] {bare, " · pg " + pg.replaceFirst("/.*$", "") + " · redis " + redis});
            candidates.add(new String[] {bare, " · pg " + port(pg) + " · redis " + port(redis)});
        } else {
            candidates.add(new String[] {who, ""});
        }
        String[] chosen = candidates.get(candidates.size() - 1);
        for (String[] candidate : candidates) {
            if (1 + candidate[0].length() + link.length() + candidate[1].length() <= c.width()) {
                chosen = candidate;
                break;
            }
        }
        int col = c.text(1, 1, chosen[0], Theme.Role.TEXT);
        col = c.text(col, 1, link, linkRole);
        c.text(col, 1, chosen[1], Theme.Role.DIM);
    }

    private static String port(String hostPort) {
        String s = hostPort.replaceFirst("/.*$", "");
        return s.contains(":") ? s.substring(s.lastIndexOf(':')) : s;
    }

    private static String kinds(MetricsSnapshot.StoreInfo st) {
        return st.postgresKind().equals(st.redisKind()) ? st.postgresKind() : st.postgresKind() + "/" + st.redisKind();
    }

    /** {@code postgresql://postgres@127.0.0.1:5432/sluice} → {@code 127.0.0.1:5432/sluice}: what fits in 80 columns. */
    static String hostPart(String url) {
        if (url == null) {
            return "-";
        }
        String s = url.replaceFirst("^[a-z]+://", "");
        int at = s.lastIndexOf('@');
        return at >= 0 ? s.substring(at + 1) : s;
    }
}
