package dk.sdu.im.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link UserMappings} on the {@code user_mappings} table (V1 migration). The guarantee that a mapping never
 * changes silently rests on the table's PRIMARY KEY and UNIQUE(uid) constraints: {@link #establish} reads,
 * then inserts, and when the insert hits a constraint (a concurrent caller got there first) it reads again and
 * judges the row that won. There is no UPDATE statement in this class.
 */
final class JdbcUserMappings implements UserMappings {
    private static final String COLUMNS = "ucloud_username, local_username, uid, created_at, expires_at";
    private static final String SELECT_BY_UCLOUD_USERNAME =
            "SELECT " + COLUMNS + " FROM user_mappings WHERE ucloud_username = ?";
    private static final String SELECT_BY_UID = "SELECT " + COLUMNS + " FROM user_mappings WHERE uid = ?";
    private static final String SELECT_BY_EITHER =
            "SELECT " + COLUMNS + " FROM user_mappings WHERE ucloud_username = ? OR uid = ?";
    private static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM user_mappings";
    private static final String INSERT = "INSERT INTO user_mappings (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)";
    private static final String DELETE = "DELETE FROM user_mappings WHERE ucloud_username = ?";

    /**
     * Each failed attempt means a blocking row was there for the insert and gone for the re-read, i.e. someone
     * removed it in between. Retrying a few times covers that; more means something is churning the table.
     */
    private static final int MAX_ATTEMPTS = 5;

    private final Jdbc jdbc;
    private final Clock clock;

    JdbcUserMappings(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<UserMapping> find(String ucloudUsername) {
        Objects.requireNonNull(ucloudUsername, "ucloudUsername");
        return jdbc.query(SELECT_BY_UCLOUD_USERNAME, s -> s.setString(1, ucloudUsername), JdbcUserMappings::read)
                .stream().findFirst();
    }

    @Override
    public Optional<UserMapping> findByUid(int uid) {
        return jdbc.query(SELECT_BY_UID, s -> s.setInt(1, uid), JdbcUserMappings::read).stream().findFirst();
    }

    @Override
    public List<UserMapping> list() {
        // Sorted here, not with ORDER BY: PostgreSQL would sort by the database's locale collation, SQLite by
        // bytes, and the order must not depend on which database the site runs.
        return jdbc.query(SELECT_ALL, s -> { }, JdbcUserMappings::read).stream()
                .sorted(Comparator.comparing(UserMapping::ucloudUsername))
                .toList();
    }

    @Override
    public UserMapping establish(String ucloudUsername, String localUsername, int uid, Optional<Instant> expiresAt)
            throws MappingConflict {
        Objects.requireNonNull(expiresAt, "expiresAt");
        UserMapping requested = new UserMapping(ucloudUsername, localUsername, uid, now(),
                expiresAt.map(JdbcUserMappings::storable));
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<UserMapping> blocking = blocking(requested);
            if (blocking.isPresent()) {
                return confirm(blocking.get(), requested);
            }
            if (jdbc.insertUnlessDuplicate(INSERT, s -> bind(s, requested))) {
                return requested;
            }
        }
        throw new DatabaseException("Could not establish " + MappingConflict.describe(requested) + ": the rows in"
                + " its way kept appearing and disappearing for " + MAX_ATTEMPTS + " attempts");
    }

    @Override
    public boolean remove(String ucloudUsername) {
        Objects.requireNonNull(ucloudUsername, "ucloudUsername");
        return jdbc.update(DELETE, s -> s.setString(1, ucloudUsername)) > 0;
    }

    /** The stored row that decides the request: the UCloud user's own mapping first, else the uid's owner. */
    private Optional<UserMapping> blocking(UserMapping requested) {
        List<UserMapping> rows = jdbc.query(SELECT_BY_EITHER, s -> {
            s.setString(1, requested.ucloudUsername());
            s.setInt(2, requested.uid());
        }, JdbcUserMappings::read);
        return rows.stream()
                .filter(row -> row.ucloudUsername().equals(requested.ucloudUsername()))
                .findFirst()
                .or(() -> rows.stream().findFirst());
    }

    /** Idempotent success if the stored row is exactly the requested account, otherwise a conflict. */
    private static UserMapping confirm(UserMapping stored, UserMapping requested) throws MappingConflict {
        if (stored.ucloudUsername().equals(requested.ucloudUsername())
                && stored.sameAccount(requested.localUsername(), requested.uid())) {
            return stored;
        }
        throw new MappingConflict(stored, MappingConflict.describe(requested));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The instant as it will read back from a BIGINT of epoch milliseconds. */
    private static Instant storable(Instant instant) {
        try {
            return Instant.ofEpochMilli(instant.toEpochMilli());
        } catch (ArithmeticException | DateTimeException e) {
            throw new IllegalArgumentException("expiresAt is out of range: " + instant, e);
        }
    }

    private static void bind(PreparedStatement statement, UserMapping mapping) throws SQLException {
        statement.setString(1, mapping.ucloudUsername());
        statement.setString(2, mapping.localUsername());
        statement.setInt(3, mapping.uid());
        statement.setLong(4, mapping.createdAt().toEpochMilli());
        if (mapping.expiresAt().isPresent()) {
            statement.setLong(5, mapping.expiresAt().get().toEpochMilli());
        } else {
            statement.setNull(5, Types.BIGINT);
        }
    }

    private static UserMapping read(ResultSet row) throws SQLException {
        String ucloudUsername = row.getString(1);
        String localUsername = row.getString(2);
        int uid = row.getInt(3);
        Instant createdAt = Instant.ofEpochMilli(row.getLong(4));
        long expiresAt = row.getLong(5);
        Optional<Instant> expiry = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expiresAt));
        try {
            return new UserMapping(ucloudUsername, localUsername, uid, createdAt, expiry);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DatabaseException("Stored user mapping for '" + ucloudUsername + "' is invalid: "
                    + e.getMessage(), e);
        }
    }
}
