package dk.sdu.im.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs one statement per call on its own pooled connection, in auto-commit mode. In SQLite's WAL mode a
 * transaction that reads and then writes can fail at once with SQLITE_BUSY when another writer got in between
 * ({@code busy_timeout} does not wait in that case); single auto-committed statements avoid this, so
 * {@code busy_timeout} alone serialises writers. Anything that must be atomic is therefore one statement backed
 * by a constraint.
 *
 * <p>Failures become {@link DatabaseException}s naming the statement (constant SQL, never parameter values).
 */
final class Jdbc {
    /** Binds a statement's parameters. */
    @FunctionalInterface
    interface Parameters {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads the current row of a result set into a value. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> List<T> query(String sql, Parameters parameters, Row<T> row) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.bind(statement);
            return readAll(statement, row);
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    int update(String sql, Parameters parameters) {
        try {
            return execute(sql, parameters);
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /** Runs an INSERT; returns false instead of failing when it would break a unique constraint. */
    boolean insertUnlessDuplicate(String sql, Parameters parameters) {
        try {
            execute(sql, parameters);
            return true;
        } catch (SQLException e) {
            if (UniqueViolation.is(e)) {
                return false;
            }
            throw failed(sql, e);
        }
    }

    private int execute(String sql, Parameters parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.bind(statement);
            return statement.executeUpdate();
        }
    }

    private static <T> List<T> readAll(PreparedStatement statement, Row<T> row) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(row.read(rows));
            }
            return result;
        }
    }

    private static DatabaseException failed(String sql, SQLException e) {
        return new DatabaseException("Database statement failed (" + sql + "): " + e.getMessage(), e);
    }
}
