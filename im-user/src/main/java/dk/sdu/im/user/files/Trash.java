package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The per-drive trash folder {@code /<driveId>/Trash}: created on demand with mode 0700 (an existing one keeps its
 * mode); it must be a real folder, not a symlink or a file, or trashing fails with 409 until the user renames
 * what is there. It is opened by descriptor from the drive's root, like every folder ({@link DriveFolder}). Listings show it with the icon DIRECTORY_TRASH ({@link Icons}).
 */
final class Trash {
    static final String NAME = "Trash";

    private Trash() {
    }

    static UCloudPath path(String driveId) {
        return new UCloudPath(driveId, List.of(NAME));
    }

    /** Whether {@code path} is the trash folder itself. */
    static boolean is(UCloudPath path) {
        return path.names().equals(List.of(NAME));
    }

    /** Whether {@code path} is the trash folder or inside it. */
    static boolean holds(UCloudPath path) {
        return !path.isRoot() && path.names().getFirst().equals(NAME);
    }

    /** The place of the trash folder in {@code root}, the drive's root folder, open; the folder may not exist. */
    static Slot slot(DriveFolder root) {
        return root.slot(NAME);
    }

    /**
     * The trash folder of the drive whose root folder {@code root} is, created if it is missing, and opened by
     * descriptor (never through a link: a link or a file there is 409). The caller closes it.
     */
    static DriveFolder open(DriveFolder root) {
        Slot trash = slot(root);
        try {
            if (!Kind.of(trash).exists()) {
                try {
                    Files.createDirectory(trash.local(),
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (FileAlreadyExistsException raced) {
                    // made meanwhile: open what is there
                }
            }
            return trash.open();
        } catch (DriveFolder.InTheWay e) {
            throw notAFolder(trash);
        } catch (IOException e) {
            throw FileErrors.ofChange(e, trash.path());
        }
    }

    static ApiException notAFolder(Slot trash) {
        return ApiException.of(409, trash.path() + " is not a folder; rename it so that the trash can be used", null);
    }
}
