package dk.sdu.im.db;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where IM/Server keeps its state. Build it with {@link #sqlite} or {@link #postgresql}; the canonical
 * constructor checks that the components fit the kind and rejects anything else.
 *
 * @param kind       which database
 * @param sqliteFile SQLITE: the database file, made absolute; POSTGRESQL: {@code null}
 * @param jdbcUrl    SQLITE: {@code jdbc:sqlite:<sqliteFile>}; POSTGRESQL: a {@code jdbc:postgresql:} URL that
 *                   carries no password (the password belongs in {@code password}, which is kept out of logs)
 * @param user       SQLITE: {@code null}; POSTGRESQL: the role to connect as, not blank
 * @param password   POSTGRESQL: the role's password, if it needs one; SQLITE: empty
 * @param poolSize   the maximum number of pooled connections, at least 1
 */
public record DatabaseSettings(Kind kind, Path sqliteFile, String jdbcUrl, String user, Optional<String> password,
                               int poolSize) {
    /** The databases IM/Server supports. */
    public enum Kind { SQLITE, POSTGRESQL }

    static final int SQLITE_POOL_SIZE = 4;
    private static final String SQLITE_URL_PREFIX = "jdbc:sqlite:";
    private static final String POSTGRESQL_URL_PREFIX = "jdbc:postgresql:";

    public DatabaseSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(password, "password");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
        }
        switch (kind) {
            case SQLITE -> requireSqliteShape(sqliteFile, jdbcUrl, user, password);
            case POSTGRESQL -> requirePostgresqlShape(sqliteFile, jdbcUrl, user);
        }
    }

    /** A SQLite database in {@code file}, created (with its parent directory) on first open. */
    public static DatabaseSettings sqlite(Path file) {
        Path absolute = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        return new DatabaseSettings(Kind.SQLITE, absolute, SQLITE_URL_PREFIX + absolute, null, Optional.empty(),
                SQLITE_POOL_SIZE);
    }

    /** A PostgreSQL database; the schema is migrated on open, the database itself must exist. */
    public static DatabaseSettings postgresql(String jdbcUrl, String user, Optional<String> password, int poolSize) {
        return new DatabaseSettings(Kind.POSTGRESQL, null, jdbcUrl, user, password, poolSize);
    }

    /** A name for the database fit for logs and error messages. */
    String describe() {
        return switch (kind) {
            case SQLITE -> "SQLite database " + sqliteFile;
            case POSTGRESQL -> "PostgreSQL database " + jdbcUrl + " (user " + user + ")";
        };
    }

    /** Like the generated one, but says only whether a password is set. */
    @Override
    public String toString() {
        return "DatabaseSettings[kind=" + kind + ", sqliteFile=" + sqliteFile + ", jdbcUrl=" + jdbcUrl
                + ", user=" + user + ", password=" + (password.isPresent() ? "<set>" : "<none>")
                + ", poolSize=" + poolSize + "]";
    }

    private static void requireSqliteShape(Path sqliteFile, String jdbcUrl, String user, Optional<String> password) {
        Objects.requireNonNull(sqliteFile, "sqliteFile");
        if (!sqliteFile.isAbsolute()) {
            throw new IllegalArgumentException("SQLite file must be an absolute path: " + sqliteFile);
        }
        if (!(SQLITE_URL_PREFIX + sqliteFile).equals(jdbcUrl)) {
            throw new IllegalArgumentException("SQLite JDBC URL must be " + SQLITE_URL_PREFIX + sqliteFile);
        }
        if (user != null || password.isPresent()) {
            throw new IllegalArgumentException("SQLite takes no user or password");
        }
    }

    private static void requirePostgresqlShape(Path sqliteFile, String jdbcUrl, String user) {
        if (sqliteFile != null) {
            throw new IllegalArgumentException("PostgreSQL settings take no SQLite file");
        }
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith(POSTGRESQL_URL_PREFIX)) {
            throw new IllegalArgumentException("PostgreSQL JDBC URL must start with " + POSTGRESQL_URL_PREFIX);
        }
        // The URL is printed in logs and error messages; a password inside it would leak there.
        if (jdbcUrl.toLowerCase(Locale.ROOT).contains("password=")) {
            throw new IllegalArgumentException("PostgreSQL JDBC URL must not carry a password; pass it separately");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("PostgreSQL user must not be blank");
        }
    }
}
