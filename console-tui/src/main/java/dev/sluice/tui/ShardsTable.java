package dev.sluice.tui;

import dev.sluice.api.MetricsSnapshot.ShardStats;
import java.util.List;
import java.util.Locale;

/**
 * The per-shard table of the nodes view, for a stream sharded over two or more keys: one row per
 * key with its backlog, pending entries, lag and this node's workers on it; a key whose Redis
 * master could not be read this tick is marked "away". Rows that do not fit end in a count.
 *
 * <pre>
 *  shard                backlog   pending       lag workers here
 *  logs_stream{0}         1,200        40     1,160            3
 *  logs_stream{1}             -         -         -            2 away
 *  +2 more shards, 1 away
 * </pre>
 */
final class ShardsTable {
    private static final String COLUMNS = "%-18s %9s %9s %9s %12s %s";
    static final String HEAD = String.format(
                    Locale.ROOT, COLUMNS, "shard", "backlog", "pending", "lag", "workers here", "")
            .stripTrailing();

    private ShardsTable() {}

    /** True when the stream has two or more keys: one key (or none reported) is the plain stream, no table. */
    static boolean shown(List<ShardStats> shards) {
        return shards.size() >= 2;
    }

    /** Rows the whole table wants: its heading and one per key. */
    static int rowsWanted(List<ShardStats> shards) {
        return shown(shards) ? 1 + shards.size() : 0;
    }

    /** Draws the table from {@code top} in at most {@code height} rows of {@code c}. */
    static void draw(Canvas c, int top, int height, List<ShardStats> shards) {
        if (!shown(shards) || height < 2) {
            return;
        }
        c.text(1, top, Fmt.fit(HEAD, c.width() - 2), Theme.Role.DIM);
        int room = height - 1;
        int fitting = shards.size() <= room ? shards.size() : room - 1;
        for (int i = 0; i < fitting; i++) {
            ShardStats sh = shards.get(i);
            c.text(1, top + 1 + i, Fmt.fit(line(sh), c.width() - 2), away(sh) ? Theme.Role.BAD : Theme.Role.TEXT);
        }
        if (fitting < shards.size()) {
            c.text(1, top + 1 + fitting, more(shards.subList(fitting, shards.size())), Theme.Role.DIM);
        }
    }

    /** One key's row. */
    static String line(ShardStats sh) {
        return String.format(
                        Locale.ROOT,
                        COLUMNS,
                        Fmt.fit(sh.key(), 18),
                        Fmt.count(sh.backlog()),
                        Fmt.count(sh.pendingEntries()),
                        Fmt.count(sh.lag()),
                        Integer.toString(sh.workers()),
                        away(sh) ? "away" : "")
                .stripTrailing();
    }

    /** The count of keys left out; an away key among them is named, so trouble is not hidden below the fold. */
    private static String more(List<ShardStats> hidden) {
        long away = hidden.stream().filter(ShardsTable::away).count();
        return "+" + hidden.size() + " more shards" + (away > 0 ? ", " + away + " away" : "");
    }

    /** The engine writes -1 for a figure it could not read this tick: the key's Redis master was away. */
    static boolean away(ShardStats sh) {
        return sh.backlog() < 0 || sh.pendingEntries() < 0 || sh.lag() < 0;
    }
}
