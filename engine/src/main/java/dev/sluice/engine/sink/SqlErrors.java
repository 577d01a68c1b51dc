package dev.sluice.engine.sink;

import java.sql.SQLException;

/** Sorts PostgreSQL failures into "this entry is bad" and "the database is unwell right now". */
final class SqlErrors {
    private SqlErrors() {}

    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /**
     * Data exceptions (class 22) and integrity violations (class 23) come from a row's content;
     * anything else (connection loss, shutdown, missing table, pool timeout) is not the entry's
     * fault, so it must never send entries to the dead-letter table.
     */
    static boolean isEntryFault(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || (state.startsWith("23") && !isUniqueViolation(e)));
    }

    static String describe(SQLException e) {
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return e.getSQLState() == null ? message : message + " [" + e.getSQLState() + "]";
    }
}
