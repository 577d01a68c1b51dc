package dev.sluice.testing;

import dev.sluice.stores.PostgresEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC reads for assertions: what a person would check with psql. */
public final class Db {
    private Db() {}

    public static long count(PostgresEndpoint pg, String sql) {
        return query(pg, sql, rs -> rs.getLong(1)).get(0);
    }

    public static List<String> strings(PostgresEndpoint pg, String sql) {
        return query(pg, sql, rs -> rs.getString(1));
    }

    public static void execute(PostgresEndpoint pg, String sql) {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    public static <T> List<T> query(PostgresEndpoint pg, String sql, Row<T> row) {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
