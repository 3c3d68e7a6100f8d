package dk.sdu.im.db;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Recognises "this row would break a PRIMARY KEY or UNIQUE constraint", which the two databases report
 * differently: PostgreSQL with SQLState 23505 ({@code unique_violation}); SQLite (sqlite-jdbc, which enables
 * extended result codes) with no SQLState but the result code SQLITE_CONSTRAINT_PRIMARYKEY or
 * SQLITE_CONSTRAINT_UNIQUE. Other constraint failures (NOT NULL, CHECK, foreign keys) are not duplicates.
 */
final class UniqueViolation {
    private static final String POSTGRESQL_UNIQUE_VIOLATION = "23505";

    private UniqueViolation() {
    }

    static boolean is(SQLException e) {
        return POSTGRESQL_UNIQUE_VIOLATION.equals(e.getSQLState()) || isSqliteDuplicate(e);
    }

    private static boolean isSqliteDuplicate(SQLException e) {
        return e instanceof SQLiteException sqlite
                && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                    || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
    }
}
