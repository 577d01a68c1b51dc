package dev.sluice.engine.items;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads of {@code items}. Blocks on PostgreSQL; thread-safe (a pooled connection per call). */
final class ItemStore {
    private final DataSource pool;

    ItemStore(DataSource pool) {
        this.pool = pool;
    }

    Optional<Item> byId(long id) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, name, description FROM items WHERE id = ?")) {
            ps.setLong(1, id);
            List<Item> rows = read(ps);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    /** Up to {@code limit} items from {@code offset}, in id order. */
    List<Item> page(long offset, int limit) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT id, name, description FROM items ORDER BY id OFFSET ? LIMIT ?")) {
            ps.setLong(1, offset);
            ps.setInt(2, limit);
            return read(ps);
        }
    }

    /** Rows in the table, as PostgreSQL's statistics count them (live tuples): no scan, close but not exact. */
    long countEstimate() throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT pg_stat_get_live_tuples('items'::regclass)");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Math.max(0, rs.getLong(1));
        }
    }

    /** Rows in the table (an exact count: for the metrics sampler). */
    long count() throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM items")) {
            ps.setQueryTimeout(2); // a sampler's read: a slow count shows as unknown, never as a stuck tick
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<Item> read(PreparedStatement ps) throws SQLException {
        List<Item> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Item(rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }
}
