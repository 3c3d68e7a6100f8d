package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns an IOException met while serving a UCloud path into the ApiException the user sees: {@link #of} for
 * reading, {@link #ofChange} for the calls that change files. The {@code why} names the UCloud path only: the
 * exception's own message holds the local path, so it goes to the log. {@link IoFailure} says what kind of
 * failure it was.
 */
final class FileErrors {
    private static final Logger LOG = Logger.getLogger(FileErrors.class.getName());

    private FileErrors() {
    }

    /**
     * Like {@link #of}, for calls that change files, with the errors only writing meets: 409 for a name taken
     * meanwhile, a folder that is not empty or a file that is busy; 400 for a full disk or quota (Core hides the
     * text of 5xx replies, and the user must read this one), where {@code whenFull} says what became of the work
     * ("nothing was changed"); 403 for a read-only file system or EPERM; 400 for a name the file system finds too
     * long. Anything else unexpected is a 500 that names only {@code path}.
     */
    static ApiException ofChange(IOException e, UCloudPath path, String whenFull) {
        return switch (IoFailure.of(e)) {
            case EXISTS -> ApiException.of(409, "A file already exists at " + path, null);
            case NOT_EMPTY -> ApiException.of(409, "The folder is not empty: " + path, null);
            case NO_SPACE, QUOTA -> ApiException.badRequest("The destination is full (disk or quota); " + whenFull);
            case BUSY -> ApiException.of(409, "The file is busy (in use by a running program): " + path, null);
            case READ_ONLY -> ApiException.forbidden("The drive is read-only: " + path);
            case NAME_TOO_LONG -> ApiException.badRequest("The name is too long for this file system: " + path);
            case NO_SUCH_FILE, DENIED, NOT_DIRECTORY, UNREACHABLE -> of(e, path);
            case IS_DIRECTORY, OTHER -> unexpected(e, path, "Could not change ");
        };
    }

    static ApiException ofChange(IOException e, UCloudPath path) {
        return ofChange(e, path, "nothing was changed");
    }

    /** Whether {@code e} is a full disk or quota. */
    static boolean isFull(IOException e) {
        return IoFailure.of(e).full();
    }

    static ApiException of(IOException e, UCloudPath path) {
        if (e instanceof DriveFolder.InTheWay way && way.link()) {
            return PathResolver.linked(path);
        }
        return switch (IoFailure.of(e)) {
            case NO_SUCH_FILE, UNREACHABLE -> notFound(path);
            case DENIED -> ApiException.forbidden("Permission denied: " + path);
            case NOT_DIRECTORY -> ApiException.badRequest("Not a directory: " + path);
            default -> unexpected(e, path);
        };
    }

    static ApiException notFound(UCloudPath path) {
        return ApiException.notFound("No such file or directory: " + path);
    }

    private static ApiException unexpected(IOException e, UCloudPath path) {
        return unexpected(e, path, "Could not read ");
    }

    private static ApiException unexpected(IOException e, UCloudPath path, String what) {
        LOG.log(Level.WARNING, "file call on " + path + " failed", e);
        return ApiException.of(500, what + path, null);
    }
}
