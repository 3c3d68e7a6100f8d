package dk.sdu.im.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite file is copied before a newer version of the module migrates it, and only then. */
class SqliteBackupTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T22:55:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;

    @Test
    void anOlderSchemaIsCopiedWithItsRowsBeforeItIsMigrated() throws Exception {
        Path file = directory.resolve("im.sqlite3");
        asIfWrittenByAnOlderVersion(file, "2");

        try (Database upgraded = Database.open(DatabaseSettings.sqlite(file), CLOCK)) {
            assertThat(schemaVersions(upgraded.dataSource())).as("migrated past version 2").hasSizeGreaterThan(2);
        }

        Path backup = directory.resolve("im.sqlite3.v2.20261207T225500Z.backup");
        assertThat(backup).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
        var copy = new org.sqlite.SQLiteDataSource();
        copy.setUrl("jdbc:sqlite:" + backup);
        assertThat(schemaVersions(copy)).last().isEqualTo("2");
        assertThat(Sql.column(copy, "SELECT local_username FROM user_mappings")).containsExactly("alice");
    }

    @Test
    void aNewOrUpToDateDatabaseIsNotCopied() throws Exception {
        Path file = directory.resolve("im.sqlite3");
        Database.open(DatabaseSettings.sqlite(file), CLOCK).close();
        Database.open(DatabaseSettings.sqlite(file), CLOCK).close();

        try (var files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".backup"));
        }
    }

    /** The database as a version of the module whose last migration was {@code version} left it, with one mapping. */
    private static void asIfWrittenByAnOlderVersion(Path file, String version) throws Exception {
        var dataSource = new org.sqlite.SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + file);
        Flyway.configure(SqliteBackupTest.class.getClassLoader()).dataSource(dataSource).locations(Migrations.LOCATION)
                .target(version).load().migrate();
        Sql.execute(dataSource, "INSERT INTO user_mappings VALUES ('alice#1234', 'alice', 1001, 0, NULL)");
    }

    private static List<String> schemaVersions(javax.sql.DataSource dataSource) throws Exception {
        return Sql.column(dataSource, "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank");
    }
}
