package dev.sluice.engine.items;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Hands out item ids at POST time, before the item reaches PostgreSQL: it reserves blocks of
 * {@link #BLOCK} ids with one UPDATE of {@code item_id_blocks} and serves them from memory. A
 * reserved block is never handed out again, by this engine after a restart or by another
 * engine on the same database, so an id answered 202 is unique without a round trip per item;
 * the cost is a gap of at most one block per restart.
 *
 * <p>Concurrency: thread-safe; a caller that exhausts the block reserves the next one.
 */
final class ItemIds {
    static final int BLOCK = 1_000;

    private final DataSource pool;
    private long next;
    private long end;

    ItemIds(DataSource pool) {
        this.pool = pool;
    }

    /** The next id if the block in hand has one, else 0 (ids start at 1): never touches PostgreSQL. */
    synchronized long nextInHand() {
        return next < end ? next++ : 0;
    }

    /** The next id; reserves a block first when this one is used up (blocks on PostgreSQL then). */
    synchronized long next() throws SQLException {
        if (next >= end) {
            reserve();
        }
        return next++;
    }

    private void reserve() throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("UPDATE item_id_blocks SET next_id = next_id + ? RETURNING next_id - ?")) {
            ps.setInt(1, BLOCK);
            ps.setInt(2, BLOCK);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("item_id_blocks has no row: the V3 migration did not run");
                }
                next = rs.getLong(1);
                end = next + BLOCK;
            }
        }
    }
}
