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
 * what is there. Listings show it with the icon DIRECTORY_TRASH ({@link Icons}).
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

    /** The slot of the drive's trash folder, which may not exist. */
    static Slot slot(DriveRoot drive) {
        return new Slot(path(drive.driveId()), drive.root(), NAME);
    }

    /** The trash folder of {@code drive}, created if it is missing. */
    static Slot ensure(DriveRoot drive) {
        Slot trash = slot(drive);
        try {
            Kind kind = Kind.of(trash.local());
            if (!kind.exists()) {
                try {
                    Files.createDirectory(trash.local(),
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    return trash;
                } catch (FileAlreadyExistsException raced) {
                    kind = Kind.of(trash.local());
                }
            }
            if (kind != Kind.DIRECTORY) {
                throw notAFolder(trash);
            }
            return trash;
        } catch (IOException e) {
            throw FileErrors.ofChange(e, trash.path());
        }
    }

    static ApiException notAFolder(Slot trash) {
        return ApiException.of(409, trash.path() + " is not a folder; rename it so that the trash can be used", null);
    }
}
