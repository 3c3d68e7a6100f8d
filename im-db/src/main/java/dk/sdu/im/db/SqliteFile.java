package dk.sdu.im.db;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Creates the SQLite file and any missing parent directories before SQLite opens them, so that they are
 * readable by the service user only: directories 0700, the file 0600. SQLite itself would create the file with
 * the process umask (often 0644), exposing the service's state to every local user.
 *
 * <p>Only what this class creates gets these modes; existing directories and files are left as the operator
 * made them. SQLite creates its {@code -wal} and {@code -shm} companions with the database file's mode.
 *
 * <p>The modes are set explicitly after creation because the umask can only take bits away from the mode
 * asked for at creation, and a strict umask (say 0277) would otherwise leave a directory we cannot write.
 */
final class SqliteFile {
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private SqliteFile() {
    }

    static void prepare(Path file) {
        try {
            createMissingDirectories(file.getParent());
            createFileIfMissing(file);
        } catch (IOException | UnsupportedOperationException e) {
            throw new DatabaseException("Cannot create SQLite database " + file + ": " + e, e);
        }
    }

    private static void createMissingDirectories(Path directory) throws IOException {
        for (Path missing : missingFromTop(directory)) {
            try {
                Files.createDirectory(missing, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
                Files.setPosixFilePermissions(missing, DIRECTORY_MODE);
            } catch (FileAlreadyExistsException createdConcurrently) {
                // Someone else made it between our check and our mkdir: theirs, so leave its mode alone.
            }
        }
    }

    /** The ancestors of {@code directory} (itself included) that do not exist yet, outermost first. */
    private static List<Path> missingFromTop(Path directory) {
        List<Path> missing = new ArrayList<>();
        for (Path p = directory; p != null && Files.notExists(p); p = p.getParent()) {
            missing.addFirst(p);
        }
        return missing;
    }

    private static void createFileIfMissing(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_MODE));
            Files.setPosixFilePermissions(file, FILE_MODE);
        } catch (FileAlreadyExistsException existing) {
            // An existing database keeps the mode its owner gave it.
        }
    }
}
