package dk.sdu.im.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What opening a SQLite database does to the file system and to each connection. */
class SqliteDatabaseTest {
    @TempDir
    Path directory;

    @Test
    void createsTheFileWithMode0600AndEveryMissingDirectoryWith0700() throws Exception {
        Path file = directory.resolve("var").resolve("im").resolve("im.sqlite");

        try (Database database = Database.open(DatabaseSettings.sqlite(file), Clock.systemUTC())) {
            database.userMappings().establish("alice", "alice", 1001, Optional.empty());

            assertThat(mode(file)).isEqualTo("rw-------");
            assertThat(mode(file.getParent())).isEqualTo("rwx------");
            assertThat(mode(file.getParent().getParent())).isEqualTo("rwx------");
            assertThat(mode(Path.of(file + "-wal"))).as("SQLite copies the file's mode").isEqualTo("rw-------");
        }
    }

    @Test
    void leavesTheModeOfAnExistingDirectoryAlone() throws Exception {
        Path existing = Files.createDirectory(directory.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));

        Database.open(DatabaseSettings.sqlite(existing.resolve("im.sqlite")), Clock.systemUTC()).close();

        assertThat(mode(existing)).isEqualTo("rwxr-x---");
        assertThat(mode(existing.resolve("im.sqlite"))).isEqualTo("rw-------");
    }

    @Test
    void everyConnectionUsesWalWithABusyTimeoutAndForeignKeys() throws Exception {
        try (Database database = Database.open(DatabaseSettings.sqlite(directory.resolve("im.sqlite")),
                Clock.systemUTC())) {
            assertThat(Sql.column(database.dataSource(), "PRAGMA journal_mode")).containsExactly("wal");
            assertThat(Sql.column(database.dataSource(), "PRAGMA busy_timeout"))
                    .containsExactly(String.valueOf(ConnectionPool.SQLITE_BUSY_TIMEOUT_MILLIS));
            assertThat(Sql.column(database.dataSource(), "PRAGMA foreign_keys")).containsExactly("1");
        }
    }

    @Test
    void refusesADatabaseWithTablesButNoMigrationHistory() throws Exception {
        Path file = directory.resolve("foreign.sqlite");
        try (Database database = Database.open(DatabaseSettings.sqlite(file), Clock.systemUTC())) {
            Sql.execute(database.dataSource(), "DROP TABLE flyway_schema_history");
        }

        assertThatThrownBy(() -> Database.open(DatabaseSettings.sqlite(file), Clock.systemUTC()))
                .isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("Migrating the SQLite database " + file + " failed: ")
                .hasMessageContaining("non-empty schema");
    }

    @Test
    void refusesAFileThatIsNotADatabase() throws Exception {
        Path file = Files.writeString(directory.resolve("notes.txt"), "not a database, just some text\n".repeat(100));

        assertThatThrownBy(() -> Database.open(DatabaseSettings.sqlite(file), Clock.systemUTC()))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining(file.toString());
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
