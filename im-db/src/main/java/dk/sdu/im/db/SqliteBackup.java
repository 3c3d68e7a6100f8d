package dk.sdu.im.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * A copy of the SQLite file taken just before Flyway migrates it to a newer schema (the first start after an upgrade of
 * the module), so that the administrator can go back to the version that ran before:
 * {@code <file>.v<schema version>.<UTC time>.backup} beside the file, mode 0600 like the file itself, written by
 * SQLite's {@code VACUUM INTO} (a consistent copy, whatever the WAL holds). Nothing is copied for a new database or one
 * already up to date. PostgreSQL is left to the site's own backups.
 */
final class SqliteBackup {
    private static final Logger LOG = Logger.getLogger(SqliteBackup.class.getName());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SqliteBackup() {
    }

    /** The backup made, or empty when no migration is pending on an existing schema. */
    static Optional<Path> beforeMigrating(Flyway flyway, DataSource dataSource, Path file, Clock clock) {
        MigrationInfoService info = flyway.info();
        MigrationInfo current = info.current();
        if (current == null || current.getVersion() == null || info.pending().length == 0) {
            return Optional.empty();
        }
        Path backup = file.resolveSibling(file.getFileName() + ".v" + current.getVersion() + "." + STAMP.format(clock.instant())
                + ".backup");
        try {
            // VACUUM INTO fills an empty file; made first so that it is never readable by others, even for a moment.
            Files.createFile(backup, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.setPosixFilePermissions(backup, PosixFilePermissions.fromString("rw-------"));
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, backup.toString());
                vacuum.execute();
            }
        } catch (IOException | SQLException e) {
            throw new DatabaseException("Cannot back up " + file + " to " + backup + " before migrating it from schema version "
                    + current.getVersion() + " (nothing was migrated): " + e.getMessage(), e);
        }
        LOG.info(() -> "backed up " + file + " (schema version " + current.getVersion() + ") to " + backup
                + " before migrating it to version " + info.pending()[info.pending().length - 1].getVersion());
        return Optional.of(backup);
    }
}
