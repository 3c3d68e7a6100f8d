package dk.sdu.im.user.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A drive Core knows by its numeric id (the first component of every UCloud path, {@code "12"} in
 * {@code /12/data}), mapped to a local directory. {@code root} is absolute and normalised; build it with
 * {@link #of} so that it is also the real path (no symlinks), which the confinement checks compare against.
 */
public record DriveRoot(String driveId, Path root) {
    private static final int MAX_ID_DIGITS = 19;

    public DriveRoot {
        Objects.requireNonNull(driveId, "driveId");
        Objects.requireNonNull(root, "root");
        if (!isNumericId(driveId)) {
            throw new IllegalArgumentException("a drive id is Core's numeric id, not: " + driveId);
        }
        if (!root.isAbsolute() || !root.equals(root.normalize())) {
            throw new IllegalArgumentException("a drive root must be an absolute, normalised path: " + root);
        }
    }

    /**
     * The drive at the real path of {@code directory}, which must exist and be a directory. The IOException
     * names the local directory; it is for the log, not for the user.
     */
    public static DriveRoot of(String driveId, Path directory) throws IOException {
        Path real = directory.toRealPath();
        if (!Files.isDirectory(real)) {
            throw new NotDirectoryException(real.toString());
        }
        return new DriveRoot(driveId, real);
    }

    /**
     * Creates the folder {@code name} in {@code folder}, a real path inside this drive, reaching {@code folder} again
     * by descriptor from the root, one name at a time without following a link ({@link DriveFolder}): a folder on
     * the way swapped for a link meanwhile is refused, so nothing outside the drive can receive the new folder.
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code name} exists in {@code folder}
     */
    public void createFolder(Path folder, String name) throws IOException {
        if (!folder.startsWith(root)) {
            throw new IllegalArgumentException("not inside the drive: " + folder);
        }
        DriveFolder current = DriveFolder.root(this);
        try {
            for (Path part : root.relativize(folder)) {
                if (!part.toString().isEmpty()) {
                    DriveFolder parent = current;
                    try {
                        current = parent.folder(part.toString());
                    } finally {
                        parent.close();
                    }
                }
            }
            Files.createDirectory(current.entry(name));
        } finally {
            current.close();
        }
    }

    private static boolean isNumericId(String id) {
        if (id.isEmpty() || id.length() > MAX_ID_DIGITS) {
            return false;
        }
        return id.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
