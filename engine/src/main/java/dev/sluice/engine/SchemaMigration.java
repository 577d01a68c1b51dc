package dev.sluice.engine;

import dev.sluice.stores.PostgresEndpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Brings the schema to this engine's version with Flyway, and makes sure the engine's user may
 * do what the engine will do, so that a missing right is one line at start rather than every
 * flush failing later. Migrating needs {@code CREATE} on the schema (and, on a schema an older
 * engine migrated, the ownership of its tables); running on a migrated schema needs only the
 * table privileges of {@link #NEEDED}.
 *
 * <p>Runs once, on the starting thread, with connections of the engine's pool.
 */
final class SchemaMigration {
    /** What the running engine does to each table: the stream workers, direct-insert, the queue, the items. */
    static final Map<String, List<String>> NEEDED = needed();

    private SchemaMigration() {}

    private static Map<String, List<String>> needed() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("logs", List.of("SELECT", "INSERT"));
        m.put("dead_letters", List.of("INSERT"));
        m.put("idempotency_keys", List.of("SELECT", "INSERT", "UPDATE", "DELETE"));
        // a consume takes the oldest row FOR UPDATE, which needs UPDATE
        m.put("queue_messages", List.of("SELECT", "INSERT", "UPDATE", "DELETE"));
        m.put("queue_archive", List.of("INSERT"));
        m.put("items", List.of("SELECT", "INSERT"));
        m.put("item_id_blocks", List.of("SELECT", "UPDATE"));
        // Flyway reads it at every start to know that nothing is left to apply
        m.put("flyway_schema_history", List.of("SELECT"));
        return m;
    }

    /**
     * Applies pending migrations, then checks the table privileges. Blocks for the migration.
     *
     * @throws EngineStartException one line: which user lacks which right on which schema and
     *                              database, and what gives it; or which migration failed, and why
     * @throws FlywayException      Flyway failed before it migrated (it could not read its history)
     * @throws SQLException         PostgreSQL failed to answer the checks
     */
    static void migrate(DataSource pool, PostgresEndpoint endpoint) throws SQLException {
        String where = "PostgreSQL at " + endpoint.displayUrl() + ": ";
        Account account = Account.read(pool);
        if (account.migrated()) {
            // Flyway's own first read needs SELECT on its history: say everything missing at once
            requirePrivileges(pool, account, where);
        }
        Flyway flyway = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .load();
        MigrationInfo[] pending = flyway.info().pending();
        if (pending.length > 0 && !account.mayCreate()) {
            throw new EngineStartException(where + cannotMigrate(account, pending));
        }
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            // PostgreSQL rolled the failed migration back: it is the first one still pending
            String failed = failedMigration(flyway);
            SQLException denied = insufficientPrivilege(e);
            if (denied == null) {
                throw new EngineStartException(where + failed + " failed: " + DefaultEngine.rootMessage(e), e);
            }
            throw new EngineStartException(
                    where + "user " + account.user() + " may not apply " + failed + " ("
                            + DefaultEngine.rootMessage(denied) + "); run the engine once as the owner of Sluice's"
                            + " tables in schema " + account.schema() + " of database " + account.database(),
                    e);
        }
        requirePrivileges(pool, account, where);
    }

    private static String failedMigration(Flyway flyway) {
        try {
            MigrationInfo[] pending = flyway.info().pending();
            return pending.length == 0 ? "the migration" : "migration V" + pending[0].getVersion();
        } catch (FlywayException e) {
            return "the migration";
        }
    }

    private static String cannotMigrate(Account a, MigrationInfo[] pending) {
        String versions = Arrays.stream(pending).map(m -> "V" + m.getVersion()).collect(Collectors.joining(", "));
        if (a.schema() == null) {
            return "user " + a.user() + " has no schema to create Sluice's tables in (none of its search_path"
                    + " exists or is usable), and database " + a.database() + " needs migrations " + versions
                    + "; create one or set its search_path";
        }
        String grant = "GRANT CREATE ON SCHEMA " + ident(a.schema()) + " TO " + ident(a.user());
        return "user " + a.user() + " may not create tables in schema " + a.schema() + " of database "
                + a.database() + " (no CREATE privilege), and the schema needs migrations " + versions
                + (a.migrated()
                        ? "; run the engine once as the owner of Sluice's tables, which applies them"
                        : "; " + grant + ", or run the engine once as the schema's owner, which applies them");
    }

    /** Throws when {@code a}'s user lacks a privilege of {@link #NEEDED} on a table that exists. */
    private static void requirePrivileges(DataSource pool, Account a, String where) throws SQLException {
        List<String> missing = missingPrivileges(pool);
        if (!missing.isEmpty()) {
            throw new EngineStartException(where + "user " + a.user() + " lacks " + String.join("; ", missing)
                    + " in schema " + a.schema() + " of database " + a.database() + ", which the engine needs;"
                    + " GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + ident(a.schema()) + " TO "
                    + ident(a.user()) + " gives them");
        }
    }

    /** "SELECT, INSERT on logs" per table with something missing; a table that does not exist counts as held. */
    static List<String> missingPrivileges(DataSource pool) throws SQLException {
        List<String> missing = new ArrayList<>();
        try (Connection c = pool.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT coalesce(has_table_privilege(to_regclass(?), ?), true)")) {
            for (Map.Entry<String, List<String>> table : NEEDED.entrySet()) {
                List<String> lacking = new ArrayList<>();
                for (String privilege : table.getValue()) {
                    ps.setString(1, table.getKey());
                    ps.setString(2, privilege);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            lacking.add(privilege);
                        }
                    }
                }
                if (!lacking.isEmpty()) {
                    missing.add(String.join(", ", lacking) + " on " + table.getKey());
                }
            }
            return missing;
        }
    }

    /** An identifier as SQL needs it written: as it is when lower case and plain, else double-quoted. */
    static String ident(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A 42501 (insufficient_privilege) among the causes, or null. */
    private static SQLException insufficientPrivilege(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && "42501".equals(sql.getSQLState())) {
                return sql;
            }
        }
        return null;
    }

    /**
     * Who the engine is on this database: the user, the database, the schema Flyway migrates
     * (the first of the search_path that exists; null if none), whether the user may create
     * tables in it, and whether Flyway's history table is there (the schema was migrated before).
     */
    record Account(String user, String database, String schema, boolean mayCreate, boolean migrated) {
        static Account read(DataSource pool) throws SQLException {
            try (Connection c = pool.getConnection();
                    PreparedStatement ps = c.prepareStatement("SELECT current_user, current_database(),"
                            + " current_schema(), coalesce(has_schema_privilege(current_schema(), 'CREATE'), false),"
                            + " to_regclass(quote_ident(current_schema()) || '.flyway_schema_history') IS NOT NULL");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Account(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5));
            }
        }
    }
}
