package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns an IOException met while serving a UCloud path into the ApiException the user sees: {@link #of} for
 * reading, {@link #ofChange} for the calls that change files. The {@code why} names the UCloud path only: the
 * exception's own message holds the local path, so it goes to the log. Several errors are recognised by the text
 * glibc gives them (the JDK has no exception type for them); if the text differs (another libc or locale), they
 * become the safe 500.
 */
final class FileErrors {
    private static final Logger LOG = Logger.getLogger(FileErrors.class.getName());

    /**
     * How the JDK words ENOTDIR and ELOOP, which it passes on as a plain FileSystemException (glibc's strerror
     * text, to which toRealPath adds a clause for ELOOP). A component that is not a directory, or a symlink
     * loop, means the path cannot be reached: "not found" is the honest answer. If the texts ever differ
     * (another libc or locale), such errors fall back to the safe 500 below.
     */
    private static final List<String> UNREACHABLE = List.of("Not a directory", "Too many levels of symbolic links");

    /** ENOSPC and EDQUOT as glibc words them; the JDK passes them on as the text of a plain IOException. */
    private static final List<String> FULL = List.of("No space left on device", "Disk quota exceeded");
    /** ETXTBSY and EBUSY. */
    private static final List<String> BUSY = List.of("Text file busy", "Device or resource busy");
    private static final String READ_ONLY = "Read-only file system";
    private static final String NOT_PERMITTED = "Operation not permitted";
    private static final String NAME_TOO_LONG = "File name too long";

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
        String reason = reason(e);
        if (e instanceof FileAlreadyExistsException) {
            return ApiException.of(409, "A file already exists at " + path, null);
        }
        if (e instanceof DirectoryNotEmptyException) {
            return ApiException.of(409, "The folder is not empty: " + path, null);
        }
        if (startsWithAny(reason, FULL)) {
            return ApiException.badRequest("The destination is full (disk or quota); " + whenFull);
        }
        if (startsWithAny(reason, BUSY)) {
            return ApiException.of(409, "The file is busy (in use by a running program): " + path, null);
        }
        if (startsWithAny(reason, List.of(READ_ONLY))) {
            return ApiException.forbidden("The drive is read-only: " + path);
        }
        if (startsWithAny(reason, List.of(NOT_PERMITTED))) {
            return ApiException.forbidden("Permission denied: " + path);
        }
        if (startsWithAny(reason, List.of(NAME_TOO_LONG))) {
            return ApiException.badRequest("The name is too long for this file system: " + path);
        }
        if (e instanceof NoSuchFileException || e instanceof AccessDeniedException || e instanceof NotDirectoryException
                || (e instanceof FileSystemException fs && unreachable(fs.getReason()))) {
            return of(e, path);
        }
        return unexpected(e, path, "Could not change ");
    }

    static ApiException ofChange(IOException e, UCloudPath path) {
        return ofChange(e, path, "nothing was changed");
    }

    /** Whether {@code e} is a full disk or quota. */
    static boolean isFull(IOException e) {
        return startsWithAny(reason(e), FULL);
    }

    private static String reason(IOException e) {
        return e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
    }

    private static boolean startsWithAny(String reason, List<String> texts) {
        return reason != null && texts.stream().anyMatch(reason::startsWith);
    }

    static ApiException of(IOException e, UCloudPath path) {
        return switch (e) {
            case NoSuchFileException _ -> notFound(path);
            case AccessDeniedException _ -> ApiException.forbidden("Permission denied: " + path);
            case NotDirectoryException _ -> ApiException.badRequest("Not a directory: " + path);
            case FileSystemException fs when unreachable(fs.getReason()) -> notFound(path);
            default -> unexpected(e, path);
        };
    }

    private static boolean unreachable(String reason) {
        return reason != null && UNREACHABLE.stream().anyMatch(reason::startsWith);
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
