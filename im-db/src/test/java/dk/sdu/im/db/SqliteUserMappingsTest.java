package dk.sdu.im.db;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The {@link UserMappingsContract} on SQLite, in a fresh file per test. */
class SqliteUserMappingsTest extends UserMappingsContract {
    @TempDir
    Path directory;

    @Override
    DatabaseSettings emptyDatabase() {
        return DatabaseSettings.sqlite(directory.resolve("state").resolve("im.sqlite"));
    }
}
