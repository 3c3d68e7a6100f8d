package dk.sdu.im.db;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The {@link TrackedJobsContract} on SQLite, in a fresh file per test. */
class SqliteTrackedJobsTest extends TrackedJobsContract {
    @TempDir
    Path directory;

    @Override
    DatabaseSettings emptyDatabase() {
        return DatabaseSettings.sqlite(directory.resolve("im.sqlite"));
    }
}
