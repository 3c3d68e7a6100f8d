package dk.sdu.im.user.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * A folder made new at a path inside a drive, with files written into it, everything by descriptor from the drive's
 * root ({@link DriveFolder}): missing folders on the way are created, a symbolic link on the way is refused, the last
 * folder must not exist yet, and the files are created exclusively in it. Used for job folders, which a job's script
 * and output go into; whatever a user has put on the way cannot redirect those writes outside the drive.
 */
public final class FreshFolder {
    private FreshFolder() {
    }

    /**
     * Creates {@code names} (relative, one name per element) under the drive's root and writes {@code files} into the
     * last one. Returns the folder's path from the root, for the job to use (the job runs as the user, whose own
     * permissions then apply).
     *
     * @throws FileAlreadyExistsException if the last folder exists already
     */
    public static Path create(DriveRoot drive, List<String> names, Map<String, byte[]> files) throws IOException {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a fresh folder needs at least one name");
        }
        DriveFolder current = DriveFolder.root(drive);
        try {
            for (int i = 0; i < names.size(); i++) {
                boolean last = i == names.size() - 1;
                DriveFolder parent = current;
                try {
                    current = enter(parent, names.get(i), last);
                } finally {
                    parent.close();
                }
            }
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(current.entry(file.getKey()), file.getValue(), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
            }
            return current.lexical();
        } finally {
            current.close();
        }
    }

    private static DriveFolder enter(DriveFolder parent, String name, boolean mustBeNew) throws IOException {
        if (mustBeNew) {
            Files.createDirectory(parent.entry(name));
            return parent.folder(name);
        }
        try {
            return parent.folder(name);
        } catch (NoSuchFileException missing) {
            try {
                Files.createDirectory(parent.entry(name));
            } catch (FileAlreadyExistsException raced) {
                // Made meanwhile by another call: opening it below decides whether it is a folder.
            }
            return parent.folder(name);
        }
    }
}
