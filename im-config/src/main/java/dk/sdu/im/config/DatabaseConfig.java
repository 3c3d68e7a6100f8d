package dk.sdu.im.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * IM/Server's database (section {@code database}). Which components are set depends on {@link #kind()}.
 *
 * @param kind {@code sqlite} (embedded, the default) or {@code postgresql} ({@code type} in the file)
 * @param sqliteFile SQLite only (otherwise {@code null}): the database file, absolute (a relative path
 *     in the file is resolved against {@code server.stateDir}). Default: {@code <stateDir>/im.sqlite3}.
 * @param jdbcUrl PostgreSQL only (otherwise {@code null}), and then required ({@code url} in the file):
 *     starts with {@code jdbc:postgresql://}; must not contain a password (that belongs in
 *     {@code secrets.yml}, since this file is world-readable).
 * @param user PostgreSQL only (otherwise {@code null}), and then required: the database user.
 * @param poolSize connections kept open; 1 to 64. Default: 4.
 */
public record DatabaseConfig(Kind kind, Path sqliteFile, String jdbcUrl, String user, int poolSize) {
    static final Keys KEYS = Keys.of("type", "file", "url", "user", "poolSize");
    private static final List<String> SQLITE_ONLY = List.of("file");
    private static final List<String> POSTGRESQL_ONLY = List.of("url", "user");
    private static final String JDBC_PREFIX = "jdbc:postgresql://";

    /** The database engine. */
    public enum Kind { SQLITE, POSTGRESQL }

    public DatabaseConfig {
        Objects.requireNonNull(kind, "kind");
        boolean sqlite = kind == Kind.SQLITE;
        if (sqlite != (sqliteFile != null) || sqlite == (jdbcUrl != null) || sqlite == (user != null)) {
            throw new IllegalArgumentException(sqlite ? "sqlite needs sqliteFile and no jdbcUrl or user"
                    : "postgresql needs jdbcUrl and user and no sqliteFile");
        }
        if (poolSize < 1 || poolSize > 64) {
            throw new IllegalArgumentException("poolSize out of range: " + poolSize);
        }
    }

    static DatabaseConfig read(YamlSection yaml, Path stateDir) throws ConfigException {
        Kind kind = yaml.choice("type", Choices.lowerCase(Kind.values()), Kind.SQLITE);
        rejectKeysOfOtherKind(yaml, kind);
        int poolSize = yaml.integer("poolSize", 4, 1, 64);
        return switch (kind) {
            case SQLITE -> new DatabaseConfig(kind, yaml.optionalValue("file", new ResolvedPath(stateDir))
                    .orElse(stateDir.resolve("im.sqlite3")), null, null, poolSize);
            case POSTGRESQL -> new DatabaseConfig(kind, null, yaml.value("url", DatabaseConfig::jdbcUrl),
                    yaml.string("user"), poolSize);
        };
    }

    private static void rejectKeysOfOtherKind(YamlSection yaml, Kind kind) throws ConfigException {
        List<String> foreign = kind == Kind.SQLITE ? POSTGRESQL_ONLY : SQLITE_ONLY;
        for (String key : foreign) {
            if (yaml.contains(key)) {
                String type = kind.name().toLowerCase(Locale.ROOT);
                throw yaml.keyError(key, yaml.pathOf(key) + " does not apply to type " + type + " (sqlite uses file;"
                        + " postgresql uses url and user; both use poolSize). Remove '" + key + "', or change the type.");
            }
        }
    }

    private static String jdbcUrl(String text) throws InvalidValue {
        if (!text.startsWith(JDBC_PREFIX)) {
            throw new InvalidValue("must start with " + JDBC_PREFIX,
                    "Write it like jdbc:postgresql://127.0.0.1:5432/ucloud_im.");
        }
        if (text.toLowerCase(Locale.ROOT).contains("password")) {
            throw InvalidValue.hidingValue("must not contain a password",
                    "Put the password in secrets.yml as databasePassword; config.yml is readable by every local user.");
        }
        return text;
    }
}
