package dk.sdu.im.db;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings the schema up to date with the Flyway migrations in {@code classpath:db/migration}, the one set used
 * for SQLite and PostgreSQL alike. Applied migrations are recorded in {@code flyway_schema_history}, so opening
 * an up-to-date database changes nothing.
 *
 * <p>Flyway refuses a non-empty database that has no history table, and a database whose applied migrations
 * differ from the ones shipped (edited, or newer than this build); both stop the server with a
 * {@link DatabaseException} rather than guessing. {@code clean} stays disabled (Flyway's default).
 */
final class Migrations {
    static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /**
     * Migrates; an existing SQLite schema ({@code sqliteFile} present) with migrations pending is first copied by
     * {@link SqliteBackup}.
     */
    static void apply(DataSource dataSource, String databaseName, Optional<Path> sqliteFile, Clock clock) {
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .load();
        try {
            sqliteFile.ifPresent(file -> SqliteBackup.beforeMigrating(flyway, dataSource, file, clock));
            flyway.migrate();
        } catch (FlywayException e) {
            // Flyway's message names the migration file, the line and the database's error.
            throw new DatabaseException("Migrating the " + databaseName + " failed: " + e.getMessage(), e);
        }
    }
}
