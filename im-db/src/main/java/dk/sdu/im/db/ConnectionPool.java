package dk.sdu.im.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteConfig;

/**
 * Builds the HikariCP pool for either database. The pool opens one connection at construction (HikariCP's
 * default {@code initializationFailTimeout}), so an unreachable database fails here, at startup, not on the
 * first request.
 */
final class ConnectionPool {
    /**
     * How long a SQLite writer waits for another writer's lock before failing. Writes here are single short
     * statements, so this is only reached when something holds the file for far too long.
     */
    static final int SQLITE_BUSY_TIMEOUT_MILLIS = 10_000;

    private ConnectionPool() {
    }

    static HikariDataSource open(DatabaseSettings settings) {
        HikariConfig config = switch (settings.kind()) {
            case SQLITE -> sqlite(settings);
            case POSTGRESQL -> postgresql(settings);
        };
        config.setPoolName("im-db");
        config.setMaximumPoolSize(settings.poolSize());
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DatabaseException("Cannot connect to the " + settings.describe() + ": "
                    + DriverMessage.of(e), e);
        }
    }

    private static HikariConfig sqlite(DatabaseSettings settings) {
        // WAL lets readers proceed while one connection writes; busy_timeout makes concurrent writers wait for
        // each other instead of failing with SQLITE_BUSY. sqlite-jdbc applies these on every new connection.
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
        sqlite.enforceForeignKeys(true);
        HikariConfig config = new HikariConfig();
        config.setDriverClassName("org.sqlite.JDBC");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setDataSourceProperties(sqlite.toProperties());
        return config;
    }

    private static HikariConfig postgresql(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        settings.password().ifPresent(config::setPassword);
        return config;
    }
}
